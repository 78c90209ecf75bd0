import { collectedCents, isSamePayment, Payment, paymentState, receiptLabel } from './payment';

const stored: Payment = {
  tenantId: 't',
  id: 'p',
  registrationId: 'r1',
  sessionId: 's',
  amountCents: 1500,
  method: 'cheque',
  paidOn: '2026-01-22',
  reference: 'Chèque 0042',
  receiptNumber: 7,
  recordedBy: 'u',
  recordedAt: new Date(),
  voidedAt: null,
  voidedBy: null,
  voidReason: null,
};

describe('payments', () => {
  it('recognises the same payment sent again, and only that', () => {
    const request = {
      amountCents: 1500,
      method: 'cheque' as const,
      paidOn: '2026-01-22',
      reference: 'Chèque 0042',
    };
    expect(isSamePayment(stored, 'r1', request)).toBe(true);
    expect(isSamePayment(stored, 'r2', request)).toBe(false);
    expect(isSamePayment(stored, 'r1', { ...request, amountCents: 1501 })).toBe(false);
    expect(isSamePayment(stored, 'r1', { ...request, reference: null })).toBe(false);
  });

  it('tells who still owes', () => {
    expect(paymentState(0, 0)).toBe('not-due');
    expect(paymentState(1500, 0)).toBe('unpaid');
    expect(paymentState(1500, 1000)).toBe('partly-paid');
    expect(paymentState(1500, 1500)).toBe('paid');
    expect(paymentState(1500, 2000)).toBe('paid');
  });

  it('adds up what counts: a voided payment does not', () => {
    expect(
      collectedCents([
        { amountCents: 1500, voidedAt: null },
        { amountCents: 700, voidedAt: new Date() },
        { amountCents: 5, voidedAt: null },
      ]),
    ).toBe(1505);
  });

  it('prints receipt numbers on six digits', () => {
    expect(receiptLabel(42)).toBe('000042');
  });
});
