import { CustodyPosition, TradeFacts } from './snapshot';
import { balancedAsset, POLICY, SAFE_1, TOKEN, with_, expectedFinding } from './testing/scenarios';
import { exceptionIdFor, reconcileAsset } from './testing/with-test-ids';

const holding = (quantity: string, changes: Partial<CustodyPosition> = {}): CustodyPosition[] =>
  [{ ...SAFE_1, quantity, statementDate: '2025-03-13', statementReference: 'STMT42', basis: 'SETTLED', eventIds: ['ev-stmt'], ...changes }];
const buy = (tradeId: string, quantity: string, changes: Partial<TradeFacts> = {}): TradeFacts =>
  ({ tradeId, side: 'BUY', quantity, tradeDate: '2025-03-13', settlementDate: '2025-03-17', eventIds: [`ev-${tradeId}`], failures: [], ...changes });

describe('Collateralization', () => {
  describe('When custody holds 9.5 shares fewer than the tokens require', () => {
    const short = with_({ positions: holding('990.5') });
    it('should raise an under-collateralized break with the exact figures', () =>
      expect(reconcileAsset(short, POLICY)).toEqual([expectedFinding({
        breakType: 'under-collateralized',
        severity: 'critical',
        subject: 'collateral',
        fault: 'collateral',
        figures: {
          required: '1000', held: '990.5', custody: '990.5', pendingBuy: '0', pendingSell: '0', pending: '0',
          difference: '-9.5', ratio: '0.9905', tolerance: '0.000001', multiplier: '1',
        },
        reason: '1000 shares required, 990.5 held: short by 9.5',
        evidenceEventIds: ['ev-asset', 'ev-supply-1', 'ev-stmt'],
      })]));
    it('should clear once a purchase of 9.5 shares is pending', () =>
      expect(reconcileAsset(with_({ positions: holding('990.5'), trades: [buy('t9', '9.5')] }), POLICY)).toEqual([]));
  });

  describe('When the shortfall sits at the tolerance', () => {
    it('should find nothing at exactly the tolerance', () => expect(reconcileAsset(with_({ positions: holding('999.999999') }), POLICY)).toEqual([]));
    it('should raise it one unit beyond', () =>
      expect(reconcileAsset(with_({ positions: holding('999.999998999999999999') }), POLICY).map((f) => f.figures.difference)).toEqual(['-0.000001000000000001']));
  });

  describe('When custody holds 12 shares more than the tokens require', () => {
    const over = with_({ positions: holding('1012') });
    it('should raise an over-collateralized break with the exact figures', () => {
      const [finding, ...rest] = reconcileAsset(over, POLICY);
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({
        breakType: 'over-collateralized',
        severity: 'medium',
        subject: 'collateral',
        exceptionId: exceptionIdFor('aapl', 'over-collateralized', 'collateral'),
        figures: {
          required: '1000', held: '1012', custody: '1012', pendingBuy: '0', pendingSell: '0', pending: '0',
          difference: '12', ratio: '1.012', tolerance: '0.000001', multiplier: '1', explainedSurplus: '0',
        },
      });
    });
    it('should clear once the missed mint of 12 tokens is on chain', () => {
      const minted = { ...over, chains: over.chains.map((c) => ({ ...c, supply: 1012n * TOKEN })) };
      expect(reconcileAsset(minted, POLICY)).toEqual([]);
    });
    it('should find nothing while a mint request backed by a 12-share purchase waits for its tokens', () =>
      expect(reconcileAsset(with_({
        trades: [buy('t9', '12', { tradeDate: '2025-03-14' })],
        requests: [{ requestId: 'r9', kind: 'mint', chainId: 1, amount: 12n * TOKEN, requestedAt: '2025-03-14T08:00:00Z', eventIds: ['ev-r9'] }],
      }), POLICY)).toEqual([]));
    it('should still raise it when the mint request has no purchase behind it', () => {
      const [finding] = reconcileAsset(with_({
        positions: holding('1012'),
        requests: [{ requestId: 'r9', kind: 'mint', chainId: 1, amount: 12n * TOKEN, requestedAt: '2025-03-14T08:00:00Z', eventIds: ['ev-r9'] }],
      }), POLICY);
      expect(finding?.figures).toMatchObject({ difference: '12', explainedSurplus: '0' });
      expect(finding?.evidenceEventIds).toContain('ev-r9');
    });
  });

  describe('When tokens were burned for a redemption whose sale is not booked yet', () => {
    const redemption = with_({
      chains: balancedAsset().chains.map((c) => ({ ...c, supply: 980n * TOKEN })),
      requests: [{ requestId: 'r8', kind: 'redemption', chainId: 1, amount: 20n * TOKEN, requestedAt: '2025-03-14T07:00:00Z', eventIds: ['ev-r8'] }],
      mintsAndBurns: [{ chainId: 1, txHash: '0x' + 'aa'.repeat(32), logIndex: 1, direction: 'burn', amount: 20n * TOKEN, blockNumber: 5, blockTime: '2025-03-14T07:05:00Z', requestId: 'r8', eventIds: ['ev-burn'] }],
    });
    it('should find nothing: the 20 shares still to sell explain the surplus', () => expect(reconcileAsset(redemption, POLICY)).toEqual([]));
  });

  describe('When a purchase settled after the statement date', () => {
    const settledLate = with_({
      trades: [buy('t9', '10', { settlementDate: '2025-03-14' })],
      confirmations: [{ confirmationId: 'c9', tradeId: 't9', side: 'BUY', quantity: '10', settledAt: '2025-03-14T08:00:00Z', eventIds: ['ev-c9'] }],
      positions: holding('990'),
    });
    it('should count it as pending until a statement shows it', () => expect(reconcileAsset(settledLate, POLICY)).toEqual([]));
    it('should not count it twice once a statement of that date shows it', () => {
      const shown = { ...settledLate, positions: holding('1000', { statementDate: '2025-03-14' }) };
      expect(reconcileAsset(shown, POLICY)).toEqual([]);
    });
  });

  describe('When the account reports on a traded basis', () => {
    it('should take trades executed up to the statement date as already in the position', () =>
      expect(reconcileAsset(with_({ positions: holding('1000', { basis: 'TRADED' }), trades: [buy('t9', '10', { tradeDate: '2025-03-13', account: SAFE_1 })] }), POLICY)).toEqual([]));
    it('should add trades executed after it', () =>
      expect(reconcileAsset(with_({ positions: holding('990', { basis: 'TRADED' }), trades: [buy('t9', '10', { tradeDate: '2025-03-14', account: SAFE_1 })] }), POLICY)).toEqual([]));
  });

  describe('When nothing is issued and nothing held', () => {
    it('should find nothing and not divide by zero', () =>
      expect(reconcileAsset(with_({ chains: balancedAsset().chains.map((c) => ({ ...c, supply: 0n })), positions: holding('0') }), POLICY)).toEqual([]));
    it('should leave out the ratio when shares are held for no token', () =>
      expect(reconcileAsset(with_({ chains: [], positions: holding('5') }), POLICY)[0]?.figures).not.toHaveProperty('ratio'));
  });
});
