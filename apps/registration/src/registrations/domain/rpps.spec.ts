import { isValidRpps } from './rpps';

describe('RPPS numbers', () => {
  it('accepts 11 digits with a valid Luhn key, spaces allowed', () => {
    expect(isValidRpps('10003456786')).toBe(true);
    expect(isValidRpps('1000 345 6786')).toBe(true);
    expect(isValidRpps('10100000008')).toBe(true);
  });

  it('refuses a wrong key, a wrong length or letters', () => {
    expect(isValidRpps('10003456789')).toBe(false);
    expect(isValidRpps('1000345678')).toBe(false);
    expect(isValidRpps('100034567860')).toBe(false);
    expect(isValidRpps('1000345678A')).toBe(false);
  });
});
