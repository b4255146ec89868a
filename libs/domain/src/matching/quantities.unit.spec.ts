import { ceilDiv, multiplierAt, tokensToShares } from './quantities';

const M = 10n ** 18n;
const points = [
  { multiplier: '1.5', effectiveAt: '2025-03-01T00:00:00Z', eventIds: ['ev-2'] },
  { multiplier: '1', effectiveAt: '2024-01-02T09:00:00Z', eventIds: ['ev-1'] },
];

describe('Token and share quantities', () => {
  describe('When converting tokens to shares', () => {
    it('should convert 18-decimal tokens 1:1', () => expect(tokensToShares([{ amount: 7n * M, decimals: 18 }], M)).toBe(7n * M));
    it('should widen 6-decimal tokens exactly', () => expect(tokensToShares([{ amount: 1_500_000n, decimals: 6 }], M)).toBe(15n * 10n ** 17n));
    it('should round a 36-decimal dust amount up to one share unit', () => expect(tokensToShares([{ amount: 1n, decimals: 36 }], M)).toBe(1n));
    // 5 base units at 37 decimals are half a share unit (10^-18) each.
    it('should sum before rounding, so two halves make one unit, not two', () =>
      expect(tokensToShares([{ amount: 5n, decimals: 37 }, { amount: 5n, decimals: 37 }], M)).toBe(1n));
    it('should round a single half up', () => expect(tokensToShares([{ amount: 5n, decimals: 37 }], M)).toBe(1n));
  });

  describe('When dividing upward', () => {
    it.each([[10n, 5n, 2n], [11n, 5n, 3n], [0n, 5n, 0n], [-11n, 5n, -2n]])('should give ceil(%d / %d) = %d', (n, d, q) => expect(ceilDiv(n, d)).toBe(q));
  });

  describe('When reading the multiplier in effect', () => {
    it('should take the latest point at or before the instant, in any listed order', () => expect(multiplierAt(points, '2025-03-01T00:00:00Z').units).toBe(15n * 10n ** 17n));
    it('should take the earlier one just before', () => expect(multiplierAt(points, '2025-02-28T23:59:59Z').eventIds).toEqual(['ev-1']));
    it('should fall back to the first point before any', () => expect(multiplierAt(points, '2020-01-01T00:00:00Z').multiplier).toBe('1'));
    it('should refuse an empty timeline', () => expect(() => multiplierAt([], '2025-01-01T00:00:00Z')).toThrow('multiplier timeline is empty'));
  });
});
