import { BREAK_TYPES } from '../exception/break-types';
import { at, BASE_TOKEN, balancedAsset, brokenEveryWay, busyBalancedAsset, overCollateralized, POLICY, TOKEN, with_ } from './testing/scenarios';
import { reconcileAsset } from './testing/with-test-ids';

const reversed = <T>(items: readonly T[]): T[] => [...items].reverse();

describe('Reconciling an asset', () => {
  describe('When the asset is in balance with nothing in flight', () => {
    it('should find nothing', () => expect(reconcileAsset(balancedAsset(), POLICY)).toEqual([]));
  });

  describe('When the asset is in balance with something of every kind in flight', () => {
    it('should find nothing: pending trades, a pending mint, a rebased chain and internal transfers are all explained', () =>
      expect(reconcileAsset(busyBalancedAsset(), POLICY)).toEqual([]));
    it('should find nothing whatever order the facts are listed in', () => {
      const busy = busyBalancedAsset();
      const shuffled = {
        ...busy,
        chains: reversed(busy.chains), positions: reversed(busy.positions), trades: reversed(busy.trades),
        movements: reversed(busy.movements), requests: reversed(busy.requests), multipliers: reversed(busy.multipliers),
      };
      expect(reconcileAsset(shuffled, POLICY)).toEqual([]);
    });
  });

  describe('When the asset trades on several chains with different decimals', () => {
    // 600 tokens at 18 decimals + 250.5 at 6 + 149.5 at 9 = 1000 tokens, 1000 shares.
    const chains = [
      { chainId: 1, supply: 600n * TOKEN, decimals: 18, asOfBlock: 1, asOfTime: '2025-03-14T09:00:00Z', eventIds: ['ev-c1'] },
      { chainId: 8453, supply: 250_500_000n, decimals: 6, asOfBlock: 1, asOfTime: '2025-03-14T09:00:00Z', eventIds: ['ev-c8453'] },
      { chainId: 900, supply: 149_500_000_000n, decimals: 9, asOfBlock: 1, asOfTime: '2025-03-14T09:00:00Z', eventIds: ['ev-c900'] },
    ];
    it('should sum them per asset and find the custody in balance', () => expect(reconcileAsset(with_({ chains }), POLICY)).toEqual([]));
    it('should see one base unit too many on the 6-decimal chain as 0.000001 share short, beyond a tolerance of 0.0000005', () => {
      const oneMore = chains.map((c) => (c.chainId === 8453 ? { ...c, supply: c.supply + 1n } : c));
      const [finding] = reconcileAsset(with_({ chains: oneMore }), { ...POLICY, tolerance: '0.0000005' });
      expect(finding?.figures).toMatchObject({ required: '1000.000001', held: '1000', difference: '-0.000001' });
      expect(finding?.evidenceEventIds).toEqual(['ev-asset', 'ev-c1', 'ev-c8453', 'ev-c900', 'ev-stmt']);
    });
  });

  describe('When a rebasing multiplier change takes effect with no transfer', () => {
    const rebased = with_({
      multipliers: [
        { multiplier: '1', effectiveAt: '2024-01-02T09:00:00Z', eventIds: ['ev-asset'] },
        { multiplier: '1.0125', effectiveAt: '2025-03-14T00:00:00Z', eventIds: ['ev-dividend'] },
      ],
    });
    it('should find nothing before the change takes effect', () => expect(reconcileAsset(rebased, at('2025-03-13T23:59:59Z'))).toEqual([]));
    it('should require 1012.5 shares from then on, though the supply did not move', () =>
      expect(reconcileAsset(rebased, POLICY).map((f) => [f.breakType, f.figures])).toEqual([[
        'under-collateralized',
        {
          required: '1012.5', held: '1000', custody: '1000', pendingBuy: '0', pendingSell: '0', pending: '0',
          difference: '-12.5', ratio: '0.98765432098765432', tolerance: '0.000001', multiplier: '1.0125',
        },
      ]]));
    it('should find nothing once the extra shares are in custody', () => {
      const topped = { ...rebased, positions: rebased.positions.map((p) => ({ ...p, quantity: '1012.5' })) };
      expect(reconcileAsset(topped, POLICY)).toEqual([]);
    });
  });

  describe('When a fractional multiplier makes required shares non-terminating', () => {
    // 3 tokens × 0.333333333333333333 = 0.999999999999999999, plus 1 base unit at 6 decimals × the same
    // = 0.000000333333333333333333: 1.000000333333333332333333 exactly, which truncation would print
    // as …332 and the rule rounds up to …333.
    it('should sum the chains exactly and round only once, up', () => {
      const snapshot = with_({
        multipliers: [{ multiplier: '0.333333333333333333', effectiveAt: '2024-01-02T09:00:00Z', eventIds: ['ev-asset'] }],
        chains: [
          { chainId: 1, supply: 3n * TOKEN, decimals: 18, asOfBlock: 1, asOfTime: '2025-03-14T09:00:00Z', eventIds: [] },
          { chainId: 8453, supply: 1n, decimals: 6, asOfBlock: 1, asOfTime: '2025-03-14T09:00:00Z', eventIds: [] },
        ],
        positions: [{ custodian: 'bank', account: 'SAFE-1', quantity: '0', statementDate: '2025-03-13', statementReference: 'S', basis: 'SETTLED', eventIds: [] }],
      });
      expect(reconcileAsset(snapshot, POLICY)[0]?.figures.required).toBe('1.000000333333333333');
    });
  });

  describe('When the asset is broken in every way at once', () => {
    it('should find a break of every type docs/reconciliation.md lists', () => {
      const found = [...reconcileAsset(brokenEveryWay(), POLICY), ...reconcileAsset(overCollateralized(), POLICY)].map((f) => f.breakType);
      expect([...new Set(found)].sort()).toEqual([...BREAK_TYPES].sort());
    });
    it('should give each break its own exception id', () => {
      const ids = reconcileAsset(brokenEveryWay(), POLICY).map((f) => f.exceptionId);
      expect(new Set(ids).size).toBe(ids.length);
    });
  });

  describe('When several breaks are found', () => {
    it('should list them in break-type order, then by subject', () => {
      const snapshot = with_({
        positions: [{ custodian: 'bank', account: 'SAFE-1', quantity: '900', statementDate: '2025-03-13', statementReference: 'STMT42', basis: 'SETTLED', eventIds: ['ev-stmt'] }],
        mintsAndBurns: [
          { chainId: 1, txHash: '0x' + '02'.repeat(32), logIndex: 0, direction: 'mint', amount: TOKEN, blockNumber: 2, blockTime: '2025-03-10T00:00:00Z', eventIds: [] },
          { chainId: 1, txHash: '0x' + '01'.repeat(32), logIndex: 0, direction: 'mint', amount: BASE_TOKEN, blockNumber: 1, blockTime: '2025-03-10T00:00:00Z', eventIds: [] },
        ],
      });
      expect(reconcileAsset(snapshot, POLICY).map((f) => `${f.breakType} ${f.subject.slice(0, 17)}`)).toEqual([
        'under-collateralized collateral', 'unmatched-mint-burn transfer:1:0x0101', 'unmatched-mint-burn transfer:1:0x0202',
      ]);
    });
  });
});
