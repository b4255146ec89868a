import { SettlementFailureFact, TradeFacts } from './snapshot';
import { at, POLICY, SAFE_1, with_, expectedFinding } from './testing/scenarios';
import { reconcileAsset } from './testing/with-test-ids';

const trade = (changes: Partial<TradeFacts> = {}): TradeFacts =>
  ({ tradeId: 't1', side: 'BUY', quantity: '100', tradeDate: '2025-03-07', settlementDate: '2025-03-10', eventIds: ['ev-t1'], failures: [], ...changes });
const partial = { confirmationId: 'c1', tradeId: 't1', side: 'BUY' as const, quantity: '40', settledAt: '2025-03-10T15:00:00Z', eventIds: ['ev-c1'] };
const rest = { confirmationId: 'c2', tradeId: 't1', side: 'BUY' as const, quantity: '60', settledAt: '2025-03-14T08:00:00Z', eventIds: ['ev-c2'] };
const failure: SettlementFailureFact = { failureId: 'f1', reason: 'lack of securities', failedAt: '2025-03-14T08:00:00Z', eventIds: ['ev-f1'] };
// The 40 settled are on the statement of the 13th; the 60 outstanding are pending: in balance.
const custody = [{ ...SAFE_1, quantity: '940', statementDate: '2025-03-13', statementReference: 'STMT42', basis: 'SETTLED' as const, eventIds: ['ev-stmt'] }];
const partlySettled = with_({ trades: [trade()], confirmations: [partial], positions: custody });

describe('Failed / aged settlement', () => {
  describe('When 60 of 100 shares are still unsettled after the settlement window', () => {
    it('should raise it as high with the exact figures', () =>
      expect(reconcileAsset(partlySettled, POLICY)).toEqual([expectedFinding({
        breakType: 'failed-aged-settlement',
        severity: 'high',
        subject: 'trade:t1',
        fault: 'settlement-date:2025-03-10',
        figures: { quantity: '100', settled: '40', remaining: '60', tolerance: '0.000001' },
        reason: '60 of 100 shares of BUY trade t1 unsettled 3 day(s) after settlement date 2025-03-10',
        evidenceEventIds: ['ev-t1', 'ev-c1'],
      })]));
    it('should clear once the rest settles (still pending: the statement does not show it yet)', () =>
      expect(reconcileAsset({ ...partlySettled, confirmations: [partial, rest] }, POLICY)).toEqual([]));
    it('should find nothing before the window ends', () => expect(reconcileAsset(partlySettled, at('2025-03-12T23:59:59.999Z'))).toEqual([]));
    it('should count a confirmation within tolerance of the rest as settling it', () =>
      expect(reconcileAsset({ ...partlySettled, confirmations: [partial, { ...rest, quantity: '59.9999995' }] }, POLICY)).toEqual([]));
  });

  describe('When the settlement keeps ageing', () => {
    const severityAt = (now: string) => reconcileAsset(partlySettled, at(now)).map((f) => f.severity);
    it('should stay high up to 5 days after the settlement date', () => expect(severityAt('2025-03-16T00:00:00.000Z')).toEqual(['high']));
    it('should become critical beyond that', () => expect(severityAt('2025-03-16T00:00:00.001Z')).toEqual(['critical']));
    it('should keep the same figures, so the exception only records the escalation', () =>
      expect(reconcileAsset(partlySettled, at('2025-03-20T00:00:00Z'))[0]?.figures).toEqual(reconcileAsset(partlySettled, POLICY)[0]?.figures));
  });

  describe('When the custodian reports a failure on the settlement date', () => {
    const failing = with_({ trades: [trade({ settlementDate: '2025-03-14', failures: [failure] })], positions: [{ ...custody[0]!, quantity: '900' }] });
    it('should raise it at once, naming the reason', () =>
      expect(reconcileAsset(failing, POLICY).map((f) => [f.severity, f.reason, f.evidenceEventIds])).toEqual([[
        'high', '100 of 100 shares of BUY trade t1 unsettled; the custodian reported a failure: lack of securities', ['ev-t1', 'ev-f1'],
      ]]));
    it('should not raise a failure notice before the settlement date', () =>
      expect(reconcileAsset(with_({ ...failing, trades: [trade({ settlementDate: '2025-03-17', failures: [failure] })] }), POLICY)).toEqual([]));
  });

  describe('When the custodian\'s failure carries a reason code (MT548 24B::PENF)', () => {
    const coded: SettlementFailureFact = { ...failure, reasonCode: 'CLAC', reason: 'Counterparty insufficient securities' };
    const failing = with_({ trades: [trade({ settlementDate: '2025-03-14', failures: [coded] })], positions: [{ ...custody[0]!, quantity: '900' }] });
    it('should raise it at once with the code as a figure and in the reason', () =>
      expect(reconcileAsset(failing, POLICY).map((f) => [f.figures['reasonCode'], f.reason])).toEqual([[
        'CLAC', '100 of 100 shares of BUY trade t1 unsettled; the custodian reported a failure: CLAC Counterparty insufficient securities',
      ]]));
    it('should show the latest code when the custodian gave several', () => {
      const later: SettlementFailureFact = { ...coded, failureId: 'f2', reasonCode: 'LACK', eventIds: ['ev-f2'] };
      expect(reconcileAsset(with_({ ...failing, trades: [trade({ settlementDate: '2025-03-14', failures: [coded, later] })] }), POLICY)[0]?.figures['reasonCode']).toBe('LACK');
    });
  });
});
