import {
  centsAsDecimal,
  DEFAULT_PAYMENT_INSTRUCTIONS,
  formatEuros,
  paymentInstructionsSchema,
  paymentInstructionsText,
  priceLabel,
} from './fees';

describe('fees', () => {
  it('writes cents as French euros, never through a float', () => {
    expect(formatEuros(1500)).toBe('15,00\u00a0€');
    expect(formatEuros(5)).toBe('0,05\u00a0€');
    expect(formatEuros(123456)).toBe('1\u202f234,56\u00a0€');
    expect(() => formatEuros(12.5)).toThrow('whole number of cents');
  });

  it('writes cents as a spreadsheet decimal', () => {
    expect(centsAsDecimal(123456)).toBe('1234,56');
    expect(centsAsDecimal(7)).toBe('0,07');
  });

  it('says free for a price of 0', () => {
    expect(priceLabel(0)).toBe('Gratuit');
    expect(priceLabel(800)).toBe('Participation : 8,00\u00a0€');
  });

  it('writes the instructions with the CPTS’s details', () => {
    expect(paymentInstructionsText(DEFAULT_PAYMENT_INSTRUCTIONS)).toBe(
      'Règlement sur place, le jour de la séance.',
    );
    expect(
      paymentInstructionsText({ method: 'cheque', details: 'À l’ordre de la CPTS Adour.', url: null }),
    ).toBe('Règlement par chèque. À l’ordre de la CPTS Adour.');
    expect(
      paymentInstructionsText({
        method: 'payment-link',
        details: null,
        url: 'https://www.helloasso.com/associations/cpts',
      }),
    ).toBe('Règlement en ligne : https://www.helloasso.com/associations/cpts');
  });

  it('refuses a payment link without its address', () => {
    const result = paymentInstructionsSchema.safeParse({ method: 'payment-link', details: null, url: null });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['url']);
  });
});
