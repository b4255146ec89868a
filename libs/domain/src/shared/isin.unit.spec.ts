import { isValidIsin } from './isin';

describe('ISIN check digit', () => {
  describe('When the ISIN is real', () => {
    it.each(['US0378331005', 'IE00B5BMR087', 'US5949181045', 'CH0012032048', 'GB0002634946'])('should accept %s', (isin) => expect(isValidIsin(isin)).toBe(true));
  });
  describe('When the ISIN is malformed', () => {
    it.each([
      ['US0378331006', 'a wrong check digit'],
      ['US0387331005', 'two transposed digits'],
      ['us0378331005', 'lower case'],
      ['US037833100', 'too short'],
      ['US03783310055', 'too long'],
      ['120378331005', 'no country letters'],
    ])('should refuse %s (%s)', (isin) => expect(isValidIsin(isin)).toBe(false));
  });
  describe('When letters stand in the nine alphanumerics', () => {
    /** ISO 6166 as written: each letter replaced by its two digits, then Luhn over the digit string. */
    const byTheStandard = (isin: string): boolean => {
      const digits = [...isin].map((char) => parseInt(char, 36).toString()).join('');
      let sum = 0;
      for (let i = digits.length - 1, double = false; i >= 0; i -= 1, double = !double) {
        const value = Number(digits[i]);
        sum += double ? (value * 2 > 9 ? value * 2 - 9 : value * 2) : value;
      }
      return sum % 10 === 0;
    };
    const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    // A fixed walk over the alphabet (no randomness): every letter and digit in every place.
    const candidates = Array.from({ length: 3_600 }, (_, n) => {
      const body = Array.from({ length: 9 }, (_, place) => ALPHANUMERIC[(n * (place + 7) + place * place) % 36]).join('');
      return `${ALPHANUMERIC[10 + (n % 26)]}${ALPHANUMERIC[10 + ((n * 7) % 26)]}${body}${n % 10}`;
    });
    it('should agree with the digit-string reading of the standard on every one', () =>
      expect(candidates.filter((isin) => isValidIsin(isin) !== byTheStandard(isin))).toEqual([]));
    it('should accept some and refuse others (the walk covers both)', () => {
      const valid = candidates.filter(isValidIsin).length;
      expect(valid).toBeGreaterThan(0);
      expect(valid).toBeLessThan(candidates.length);
    });
  });
});
