import { computeCollateralization } from './collateralization';

describe('computeCollateralization', () => {
  it('sums chains with different decimals exactly and rounds required up once', () => {
    // 1.5 tokens (18 dp) + 2.000001 tokens (6 dp) at 1.000000000000000001 shares per token.
    const figures = computeCollateralization({
      multiplier: '1.000000000000000001',
      chains: [{ supply: '1500000000000000000', decimals: 18 }, { supply: '2000001', decimals: 6 }],
      custodyHeld: '3.5',
      pendingBuy: '1',
      pendingSell: '0.5',
    });
    // 3.500001 × 1.000000000000000001 = 3.500001000000000003500001 → up to 3.500001000000000004
    expect(figures.requiredShares).toBe('3.500001000000000004');
    expect(figures.heldShares).toBe('4');
    expect(figures.difference).toBe('0.499998999999999996');
    expect(figures.ratio).toBe('1.142856816326623905'); // 4 / 3.500001000000000004, truncated
  });

  it('leaves chains with unknown decimals out and has no ratio while nothing is required', () => {
    const figures = computeCollateralization({ multiplier: '1', chains: [{ supply: '5', decimals: null }], custodyHeld: '0', pendingBuy: '0', pendingSell: '2' });
    expect(figures).toEqual({ requiredShares: '0', heldShares: '-2', pendingBuy: '0', pendingSell: '2', difference: '-2', ratio: null });
  });
});
