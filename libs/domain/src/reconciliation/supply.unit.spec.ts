import { ChainSupply } from './snapshot';
import { balancedAsset, POLICY, TOKEN, with_, expectedFinding } from './testing/scenarios';
import { reconcileAsset } from './testing/with-test-ids';

const reading = (amount: bigint, readAt = '2025-03-14T09:05:00Z'): Partial<ChainSupply> =>
  ({ totalSupplyReading: { amount, blockNumber: 21_000_010, readAt, eventIds: ['ev-read'] } });
const chainWith = (changes: Partial<ChainSupply>) => balancedAsset().chains.map((c) => ({ ...c, ...changes }));

describe('Supply mismatch', () => {
  describe('When totalSupply() reads one token more than the Transfers sum to', () => {
    it('should raise a supply mismatch in base units', () =>
      expect(reconcileAsset(with_({ chains: chainWith(reading(1001n * TOKEN)) }), POLICY)).toEqual([expectedFinding({
        breakType: 'supply-mismatch',
        severity: 'high',
        subject: 'chain:1',
        fault: 'chain:1',
        figures: { transferSumUnits: '1000000000000000000000', totalSupplyUnits: '1001000000000000000000', differenceUnits: '1000000000000000000' },
        reason: 'chain 1: totalSupply() at block 21000010 is 1001000000000000000000, Transfers up to block 21000000 sum to 1000000000000000000000',
        evidenceEventIds: ['ev-supply-1', 'ev-read'],
      })]));
    it('should clear when the reading agrees again', () => expect(reconcileAsset(with_({ chains: chainWith(reading(1000n * TOKEN)) }), POLICY)).toEqual([]));
    it('should find nothing without a reading', () => expect(reconcileAsset(balancedAsset(), POLICY)).toEqual([]));
  });

  describe('When a rebase took effect before the reading', () => {
    const rebased = (amount: bigint) => with_({
      multipliers: [
        { multiplier: '1', effectiveAt: '2024-01-02T09:00:00Z', eventIds: ['ev-asset'] },
        { multiplier: '1.25', effectiveAt: '2025-03-14T00:00:00Z', eventIds: ['ev-split'] },
      ],
      chains: chainWith(reading(amount)),
      positions: [{ custodian: 'bank', account: 'SAFE-1', quantity: '1250', statementDate: '2025-03-13', statementReference: 'STMT42', basis: 'SETTLED', eventIds: ['ev-stmt'] }],
    });
    it('should take a reading of exactly 1.25 × the Transfer sum as explained', () => expect(reconcileAsset(rebased(1250n * TOKEN), POLICY)).toEqual([]));
    it('should take a reading the contract truncated to a whole base unit as explained', () => {
      // 1000 tokens and 1 base unit × 1.25 = 1250 tokens and 1.25 base units, which the contract reports as …001.
      const odd = rebased(1250n * TOKEN + 1n);
      const snapshot = { ...odd, chains: odd.chains.map((c) => ({ ...c, supply: 1000n * TOKEN + 1n })) };
      expect(reconcileAsset(snapshot, POLICY)).toEqual([]);
    });
    it('should raise a reading one base unit off the rebased sum', () =>
      expect(reconcileAsset(rebased(1250n * TOKEN - 1n), POLICY).map((f) => f.breakType)).toEqual(['supply-mismatch']));
    it('should raise a reading the rebase does not explain', () =>
      expect(reconcileAsset(rebased(1249n * TOKEN), POLICY).map((f) => [f.breakType, f.figures.differenceUnits])).toEqual([['supply-mismatch', '249000000000000000000']]));
    it('should not explain a rebased reading taken before the change took effect', () =>
      expect(reconcileAsset(with_({ ...rebased(0n), chains: chainWith(reading(1250n * TOKEN, '2025-03-13T23:00:00Z')) }), POLICY).map((f) => f.breakType))
        .toEqual(['supply-mismatch']));
  });
});
