import { formatCents, parseEuros } from './money';

describe('money', () => {
  it('reads euros as typed into whole cents', () => {
    expect(parseEuros('15')).toBe(1500);
    expect(parseEuros('15,5')).toBe(1550);
    expect(parseEuros('15.05')).toBe(1505);
    expect(parseEuros(' 8,00 € ')).toBe(800);
    expect(parseEuros('0,10')).toBe(10);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'abc', '1,234', '-5', '0', '1e3']) expect(parseEuros(text)).toBeNull();
  });

  it('writes cents as euros', () => {
    expect(formatCents(1550)).toBe('15,50\u00a0€');
    expect(formatCents(5)).toBe('0,05\u00a0€');
  });
});
