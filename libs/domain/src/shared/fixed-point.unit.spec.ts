import { formatFixed, formatShares, InvalidQuantityError, parseFixed, parseShares, parseTokenUnits, rescale, SHARE_SCALE } from './fixed-point';

const UINT256_MAX = 2n ** 256n - 1n;

describe('Fixed-point quantities', () => {
  describe('When parsing share quantities', () => {
    it('should read whole and fractional parts exactly', () => expect(parseShares('1234.5')).toBe(1234500000000000000000n));
    it('should read negatives', () => expect(parseShares('-0.001')).toBe(-1000000000000000n));
    it('should accept an explicit plus sign', () => expect(parseShares('+7')).toBe(7n * 10n ** 18n));
    it('should ignore leading zeros', () => expect(parseShares('000012.50')).toBe(parseShares('12.5')));
    it('should accept trailing zeros beyond the scale, since they add no precision', () => expect(parseShares('1.' + '0'.repeat(30))).toBe(10n ** 18n));
    it('should refuse more significant decimals than the scale', () => expect(() => parseShares('0.' + '0'.repeat(18) + '1')).toThrow(InvalidQuantityError));
    it('should accept exactly the scale', () => expect(parseShares('0.000000000000000001')).toBe(1n));
    it.each(['', '.5', '5.', '1,5', '1e3', ' 1', '0x10', 'NaN', '--1', '1.2.3'])('should refuse "%s"', (text) =>
      expect(() => parseShares(text)).toThrow(InvalidQuantityError));
    it('should name the field in the error', () => expect(() => parseShares('x', 'held')).toThrow('held: not a decimal number'));
    it('should read "-0" as zero', () => expect(parseShares('-0')).toBe(0n));
  });

  describe('When formatting', () => {
    it('should print the shortest exact decimal', () => expect(formatShares(1234500000000000000000n)).toBe('1234.5'));
    it('should print integers without a point', () => expect(formatShares(7n * 10n ** 18n)).toBe('7'));
    it('should print small negatives with a leading zero', () => expect(formatShares(-1000000000000000n)).toBe('-0.001'));
    it('should print zero as "0"', () => expect(formatShares(0n)).toBe('0'));
    it('should round-trip values beyond Number precision', () => {
      const text = '123456789012345678901234567890.123456789012345678';
      expect(formatShares(parseShares(text))).toBe(text);
    });
    it('should format at scale 0', () => expect(formatFixed(-42n, 0)).toBe('-42'));
    it('should parse at scale 0', () => expect(parseFixed('42.0', 0)).toBe(42n));
  });

  describe('When rescaling', () => {
    it('should widen exactly', () => expect(rescale(15n, 1, SHARE_SCALE)).toBe(15n * 10n ** 17n));
    it('should truncate toward zero when narrowing', () => {
      expect(rescale(19n, 1, 0)).toBe(1n);
      expect(rescale(-19n, 1, 0)).toBe(-1n);
    });
  });

  describe('When parsing token base units', () => {
    it('should read the largest uint256', () => expect(parseTokenUnits(UINT256_MAX.toString())).toBe(UINT256_MAX));
    it('should refuse 2^256', () => expect(() => parseTokenUnits((UINT256_MAX + 1n).toString())).toThrow('exceeds uint256'));
    it('should read zero and leading zeros', () => {
      expect(parseTokenUnits('0')).toBe(0n);
      expect(parseTokenUnits('007')).toBe(7n);
    });
    it.each(['-1', '1.0', '1e18', '', '0x1'])('should refuse "%s"', (text) => expect(() => parseTokenUnits(text)).toThrow(InvalidQuantityError));
  });
});
