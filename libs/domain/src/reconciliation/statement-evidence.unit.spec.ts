import { SettlementConfirmation } from '../matching/settlement-matching';
import { CustodyPosition, StatementMovement, TradeFacts } from './snapshot';
import { at, expectedFinding, POLICY, SAFE_1, SAFE_2, TOKEN, with_ } from './testing/scenarios';
import { assessAsset, reconcileAsset } from './testing/with-test-ids';

// 120,845.125 tokens at one share each: required 120,845.125 shares.
const SUPPLY = 120_845_125n * TOKEN / 1000n;
const trade = (tradeId: string, side: 'BUY' | 'SELL', quantity: string, settlementDate = '2025-03-13'): TradeFacts =>
  ({ tradeId, side, quantity, tradeDate: '2025-03-11', settlementDate, eventIds: [`ev-${tradeId}`], failures: [] });
const moved = (quantity: string, fromDate = '2025-03-12', toDate = '2025-03-13', statementReference = 'STMT42'): StatementMovement =>
  ({ fromDate, toDate, statementReference, quantity, eventIds: [`ev-stmt-${fromDate}`, `ev-stmt-${toDate}`] });
const statement = (quantity: string, movements: StatementMovement[], changes: Partial<CustodyPosition> = {}): CustodyPosition =>
  ({ ...SAFE_1, quantity, statementDate: '2025-03-13', statementReference: 'STMT42', basis: 'SETTLED', eventIds: ['ev-stmt-2025-03-13'], statementMovements: movements, ...changes });
const confirmation = (tradeId: string, quantity: string, settledAt = '2025-03-13T10:00:00Z'): SettlementConfirmation =>
  ({ confirmationId: `c-${tradeId}`, tradeId, side: 'BUY', quantity, settledAt, eventIds: [`ev-c-${tradeId}`] });
const asset = (positions: CustodyPosition[], trades: TradeFacts[], confirmations: SettlementConfirmation[] = [], supply = SUPPLY) =>
  with_({ chains: [{ chainId: 1, supply, decimals: 18, asOfBlock: 21_000_000, asOfTime: '2025-03-14T09:00:00Z', eventIds: ['ev-supply-1'] }], positions, trades, confirmations });
const breaksOf = (snapshot: ReturnType<typeof asset>, policy = POLICY) => reconcileAsset(snapshot, policy).map((f) => [f.breakType, f.subject, f.severity]);

describe('Settlement evidenced by a statement', () => {
  describe('Given a 500 buy due on the 13th, no confirmation, and statements of 120,345.125 on the 12th and 120,845.125 on the 13th', () => {
    const snapshot = asset([statement('120845.125', [moved('500')])], [trade('t1', 'BUY', '500')]);
    it('should count the trade as settled by the statement, not as pending on top of it: no over-collateralized break', () => {
      const { collateral } = assessAsset(snapshot, POLICY).figures;
      expect([collateral.custody, collateral.pendingBuy, collateral.difference]).toEqual([120_845_125n * 10n ** 15n, 0n, 0n]);
    });
    it('should raise only a low missing-confirmation finding naming the trade, with the statement figures', () =>
      expect(reconcileAsset(snapshot, POLICY)).toEqual([expectedFinding({
        breakType: 'missing-confirmation',
        severity: 'low',
        subject: 'trade:t1',
        fault: 'custodian:bank',
        figures: { quantity: '500', settledByStatement: '500', movement: '500', statementDate: '2025-03-13', previousStatementDate: '2025-03-12' },
        reason: 'BUY trade t1 of 500 shares, due 2025-03-13: statement STMT42 of bank/SAFE-1 shows the holding moved by 500 since 2025-03-12, '
          + 'which settles 500 shares of it; no settlement confirmation has arrived for them',
        evidenceEventIds: ['ev-t1', 'ev-stmt-2025-03-12', 'ev-stmt-2025-03-13'],
      })]));
    it('should show the trade as settled by statement', () =>
      expect(assessAsset(snapshot, POLICY).figures.trades.map((t) => [t.status.trade.tradeId, t.state, t.status.remaining])).toEqual([['t1', 'SETTLED_BY_STATEMENT', '0']]));
    it('should never age it into a failed settlement', () => expect(breaksOf(snapshot, at('2025-03-31T00:00:00Z'))).toEqual([['missing-confirmation', 'trade:t1', 'low']]));

    describe('When the confirmation arrives', () => {
      const confirmed = asset([statement('120845.125', [moved('500')])], [trade('t1', 'BUY', '500')], [confirmation('t1', '500')]);
      it('should clear the finding and count the shares once', () => {
        expect(reconcileAsset(confirmed, POLICY)).toEqual([]);
        expect(assessAsset(confirmed, POLICY).figures.trades[0]!.state).toBe('SETTLED');
      });
    });
  });

  describe('Given the same trade and statements that show no movement', () => {
    const snapshot = asset([statement('120345.125', [moved('0')])], [trade('t1', 'BUY', '500')], [], 120_345_125n * TOKEN / 1000n);
    it('should keep the trade pending inside its window', () =>
      expect(assessAsset(snapshot, at('2025-03-14T09:30:00Z')).figures.collateral.pendingBuy).toBe(500n * 10n ** 18n));
    it('should raise a failed settlement once the window has passed', () =>
      expect(breaksOf(snapshot, at('2025-03-16T00:00:01Z'))).toEqual([['over-collateralized', 'collateral', 'medium'], ['failed-aged-settlement', 'trade:t1', 'high']]));
  });

  describe('Given buys of 300 and 500 due on the 13th and a movement of 500', () => {
    const snapshot = asset([statement('120845.125', [moved('500')])], [trade('t1', 'BUY', '300'), trade('t2', 'BUY', '500')], [], (120_845_125n + 300_000n) * TOKEN / 1000n);
    it('should settle only the trade the movement adds up to; the other stays pending', () => {
      const { figures } = assessAsset(snapshot, POLICY);
      expect(figures.trades.map((t) => [t.status.trade.tradeId, t.state])).toEqual([['t1', 'PENDING'], ['t2', 'SETTLED_BY_STATEMENT']]);
      expect(figures.collateral.pendingBuy).toBe(300n * 10n ** 18n);
    });
  });

  describe('Given a buy of 500 and a sell of 200 due on the 13th and a movement of 300', () => {
    const snapshot = asset([statement('120845.125', [moved('300')])], [trade('t1', 'BUY', '500'), trade('t2', 'SELL', '200')], [], 120_845_125n * TOKEN / 1000n);
    it('should settle both, a sale taking shares away', () =>
      expect(breaksOf(snapshot)).toEqual([['missing-confirmation', 'trade:t1', 'low'], ['missing-confirmation', 'trade:t2', 'low']]));
  });

  describe('Given a movement a confirmation already explains in part', () => {
    const snapshot = asset([statement('120845.125', [moved('800')])], [trade('t1', 'BUY', '300'), trade('t2', 'BUY', '500')], [confirmation('t1', '300')]);
    it('should match only what the confirmations leave', () => expect(breaksOf(snapshot)).toEqual([['missing-confirmation', 'trade:t2', 'low']]));
  });

  describe('Given a trade due after the statement date', () => {
    const snapshot = asset([statement('120845.125', [moved('500')])], [trade('t1', 'BUY', '500', '2025-03-14')], [], (120_845_125n + 500_000n) * TOKEN / 1000n);
    it('should not take the movement as its settlement', () => expect(assessAsset(snapshot, POLICY).figures.trades[0]!.state).toBe('PENDING'));
  });

  describe('Given a traded-basis statement', () => {
    const snapshot = asset([statement('120845.125', [moved('500')], { basis: 'TRADED' })], [trade('t1', 'BUY', '500')]);
    it('should not read it as settlement evidence: it books trades on their trade date already', () =>
      expect(breaksOf(snapshot)).toEqual([]));
  });

  describe('Given a trade settled by an earlier movement and a later statement since', () => {
    const movements = [moved('500'), moved('0', '2025-03-13', '2025-03-14', 'STMT43')];
    const snapshot = asset([statement('120845.125', movements, { statementDate: '2025-03-14', statementReference: 'STMT43' })], [trade('t1', 'BUY', '500')]);
    it('should still read it as settled: the earlier movement is kept', () =>
      expect(assessAsset(snapshot, POLICY).figures.collateral.pendingBuy).toBe(0n));
  });

  describe('Given a trade on another account than the statement that moved', () => {
    const onSafe2 = { ...trade('t1', 'BUY', '500'), account: SAFE_2 };
    const snapshot = asset([statement('120845.125', [moved('500')]), statement('0', [moved('0')], { ...SAFE_2 })], [onSafe2], [], (120_845_125n + 500_000n) * TOKEN / 1000n);
    it('should not be settled by it', () => expect(assessAsset(snapshot, POLICY).figures.trades[0]!.state).toBe('PENDING'));
  });
});
