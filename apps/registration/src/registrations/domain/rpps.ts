/**
 * An RPPS number (Répertoire partagé des professionnels de santé): 11 digits whose last one is a
 * Luhn check digit. Spaces are allowed when typed and dropped.
 */
export function normaliseRpps(input: string): string {
  return input.replace(/\s+/g, '');
}

export function isValidRpps(input: string): boolean {
  const digits = normaliseRpps(input);
  return /^\d{11}$/.test(digits) && luhnValid(digits);
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
