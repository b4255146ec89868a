/**
 * ISIN (ISO 6166): two-letter country, nine alphanumerics, one check digit. The check digit is a
 * Luhn sum over the digits obtained by replacing each letter with its value (A=10 … Z=35); checking
 * it catches the transposed and mistyped identifiers that would otherwise surface as
 * "unknown instrument" breaks much later.
 */
const ISIN_SHAPE = /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/;

export function isValidIsin(isin: string): boolean {
  if (!ISIN_SHAPE.test(isin)) return false;
  const digits = [...isin].map((char) => parseInt(char, 36).toString()).join('');
  let sum = 0;
  // Luhn: double every second digit counting from the rightmost (the check digit is not doubled).
  for (let i = digits.length - 1, double = false; i >= 0; i -= 1, double = !double) {
    let value = Number(digits[i]);
    if (double) value = value * 2 > 9 ? value * 2 - 9 : value * 2;
    sum += value;
  }
  return sum % 10 === 0;
}
