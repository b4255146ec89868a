import { matchSettlements, SettlementConfirmation, TradeToSettle } from './settlement-matching';

const POLICY = { tolerance: '0.0001', window: { days: 2 }, now: '2025-03-14T09:30:00Z' };
const trade = (tradeId: string, changes: Partial<TradeToSettle> = {}): TradeToSettle =>
  ({ tradeId, side: 'BUY', quantity: '100', tradeDate: '2025-03-10', settlementDate: '2025-03-11', eventIds: [`ev-${tradeId}`], ...changes });
const confirmation = (confirmationId: string, quantity: string, settledAt = '2025-03-11T10:00:00Z', changes: Partial<SettlementConfirmation> = {}): SettlementConfirmation =>
  ({ confirmationId, side: 'BUY', quantity, settledAt, eventIds: [`ev-${confirmationId}`], ...changes });
const summary = (result: ReturnType<typeof matchSettlements>) => ({
  trades: result.trades.map((t) => [t.trade.tradeId, t.status, t.settled, t.remaining, t.confirmations.map((c) => c.confirmationId)]),
  unmatched: result.unmatched.map((u) => [u.item.confirmationId, u.expired]),
});

describe('Matching settlements', () => {
  describe('When one trade settles in three partial confirmations without references', () => {
    const result = matchSettlements([trade('t1')], [confirmation('c3', '25.5', '2025-03-12T09:00:00Z'), confirmation('c1', '40'), confirmation('c2', '34.5', '2025-03-11T16:00:00Z')], POLICY);
    it('should settle the trade with all three, in settlement order', () =>
      expect(summary(result)).toEqual({ trades: [['t1', 'settled', '100', '0', ['c1', 'c2', 'c3']]], unmatched: [] }));
  });

  describe('When the partial confirmations do not add up yet', () => {
    it('should leave the trade partially settled, overdue after the window', () => {
      const [status] = matchSettlements([trade('t1')], [confirmation('c1', '40')], POLICY).trades;
      expect([status?.status, status?.remaining, status?.dueBy, status?.overdue]).toEqual(['partially-settled', '60', '2025-03-14T00:00:00.000Z', true]);
    });
    it('should not be overdue before the window ends', () =>
      expect(matchSettlements([trade('t1')], [], { ...POLICY, now: '2025-03-13T23:59:59Z' }).trades[0]?.overdue).toBe(false));
  });

  describe('When a confirmation is within tolerance of what remains', () => {
    it('should settle the trade', () =>
      expect(summary(matchSettlements([trade('t1')], [confirmation('c1', '40'), confirmation('c2', '60.00005')], POLICY)).trades[0]?.[1]).toBe('settled'));
  });

  describe('When two trades could take a confirmation', () => {
    it('should prefer the one it fills exactly, then the earliest due', () =>
      expect(summary(matchSettlements(
        [trade('t1', { quantity: '50' }), trade('t2', { quantity: '30', settlementDate: '2025-03-12' }), trade('t3', { quantity: '30' })],
        [confirmation('c1', '30', '2025-03-12T10:00:00Z')],
        POLICY,
      )).trades.map(([id, , settled]) => [id, settled])).toEqual([['t1', '0'], ['t2', '0'], ['t3', '30']]));
  });

  describe('When a confirmation names its trade', () => {
    it('should settle that trade even where keys would pick another', () =>
      expect(summary(matchSettlements([trade('t1', { quantity: '40' }), trade('t2')], [confirmation('c1', '40', undefined, { tradeId: 't2' })], POLICY)).trades)
        .toEqual([['t1', 'unsettled', '0', '40', []], ['t2', 'partially-settled', '40', '60', ['c1']]]));
    it('should refuse a confirmation of the other side, with its reason', () => {
      const [left] = matchSettlements([trade('t1')], [confirmation('c1', '40', undefined, { tradeId: 't1', side: 'SELL' })], POLICY).unmatched;
      expect(left?.reason).toBe('a SELL confirmation cannot settle BUY trade t1');
    });
    it('should refuse more than remains', () =>
      expect(matchSettlements([trade('t1')], [confirmation('c1', '100.5', undefined, { tradeId: 't1' })], POLICY).unmatched[0]?.reason)
        .toBe('settles 100.5 shares but trade t1 has 100 remaining'));
    it('should match by keys when the reference is unknown here', () =>
      expect(summary(matchSettlements([trade('t1')], [confirmation('c1', '100', undefined, { tradeId: 'BROKER-99' })], POLICY)).trades[0]?.[1]).toBe('settled'));
  });

  describe('When a confirmation fits no trade', () => {
    const late = confirmation('c1', '100', '2025-03-14T00:00:01Z');
    it('should leave one settled after the window unmatched, still inside its own window', () =>
      expect(summary(matchSettlements([trade('t1')], [late], POLICY)).unmatched).toEqual([['c1', false]]));
    it('should report it once its own window has passed', () =>
      expect(matchSettlements([trade('t1')], [late], { ...POLICY, now: '2025-03-16T00:00:02Z' }).unmatched[0]).toMatchObject({ expired: true, windowEndsAt: '2025-03-16T00:00:01.000Z' }));
    it('should not settle a trade of another account', () =>
      expect(summary(matchSettlements([trade('t1', { account: { custodian: 'bank', account: 'A' } })], [confirmation('c1', '100', undefined, { account: { custodian: 'bank', account: 'B' } })], POLICY)).unmatched)
        .toEqual([['c1', true]]));
  });

  describe('When the same confirmations arrive in another order', () => {
    it('should match them the same way', () => {
      const trades = [trade('t1', { quantity: '30' }), trade('t2', { quantity: '30' })];
      const confirmations = [confirmation('c1', '30'), confirmation('c2', '30', '2025-03-11T11:00:00Z')];
      expect(summary(matchSettlements(trades, [...confirmations].reverse(), POLICY))).toEqual(summary(matchSettlements(trades, confirmations, POLICY)));
    });
  });
});
