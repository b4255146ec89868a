import { matchSettlementMessage, SettlementMessageKeys, TradeAwaitingSettlement } from './confirmation-matching';

const APPLE = 'US0378331005';
const trade = (changes: Partial<TradeAwaitingSettlement> = {}): TradeAwaitingSettlement =>
  ({ tradeId: 't1', isin: APPLE, side: 'BUY', quantity: '250.5', remaining: '250.5', settlementDate: '2024-06-28', ...changes });
const keys = (changes: Partial<SettlementMessageKeys> = {}): SettlementMessageKeys =>
  ({ isin: APPLE, side: 'BUY', quantity: '250.5', settlementDate: '2024-06-28', ...changes });

describe('Matching a settlement message to its trade', () => {
  describe('When the message names the account owner reference of a trade (RELA)', () => {
    const trades = [trade({ accountOwnerReference: 'ISSR-BUY-0001' }), trade({ tradeId: 't2' })];
    it('should take that trade, though another fits the keys as well', () =>
      expect(matchSettlementMessage(trades, keys({ accountOwnerReference: 'ISSR-BUY-0001' }), 1)).toEqual({ kind: 'matched', tradeId: 't1', by: 'account-owner-reference' }));
    it('should take the trade whose id it names', () =>
      expect(matchSettlementMessage(trades, keys({ accountOwnerReference: 't2' }), 1)).toEqual({ kind: 'matched', tradeId: 't2', by: 'trade-id' }));
    it('should refuse it when the trade it names is of the other side', () =>
      expect(matchSettlementMessage(trades, keys({ accountOwnerReference: 'ISSR-BUY-0001', side: 'SELL' }), 1)).toMatchObject({ kind: 'refused', field: 'link' }));
    it('should refuse it when it settles more than the trade has left', () =>
      expect(matchSettlementMessage([trade({ accountOwnerReference: 'R1', remaining: '100' })], keys({ accountOwnerReference: 'R1' }), 1)).toEqual({
        kind: 'refused', field: 'link', reason: 'account owner reference R1 names trade t1, which has 100 shares left to settle, fewer than the 250.5 settled',
      }));
    it('should fall back to the keys when no trade has the reference (a broker\'s own)', () =>
      expect(matchSettlementMessage([trade()], keys({ accountOwnerReference: 'BROKER-77' }), 1)).toEqual({ kind: 'matched', tradeId: 't1', by: 'keys' }));
  });

  describe('When the message names the custodian reference (ASRF)', () => {
    it('should take the trade that carries it', () =>
      expect(matchSettlementMessage([trade(), trade({ tradeId: 't2', custodianReference: 'CUST-1' })], keys({ custodianReference: 'CUST-1' }), 1))
        .toEqual({ kind: 'matched', tradeId: 't2', by: 'custodian-reference' }));
  });

  describe('When it is matched by its keys', () => {
    it('should take the one trade of the same ISIN, side and date', () =>
      expect(matchSettlementMessage([trade(), trade({ tradeId: 't2', side: 'SELL' }), trade({ tradeId: 't3', isin: 'IE00B5BMR087' })], keys(), 1))
        .toEqual({ kind: 'matched', tradeId: 't1', by: 'keys' }));
    it('should take a part of the remaining (a partial settlement)', () =>
      expect(matchSettlementMessage([trade()], keys({ quantity: '100' }), 1)).toMatchObject({ kind: 'matched', tradeId: 't1' }));
    it('should prefer the same settlement date to the nearest', () =>
      expect(matchSettlementMessage([trade({ tradeId: 't0', settlementDate: '2024-06-27' }), trade()], keys(), 1)).toMatchObject({ tradeId: 't1' }));
    it('should take the nearest within the window when none has the date', () =>
      expect(matchSettlementMessage([trade({ settlementDate: '2024-06-27' })], keys(), 1)).toMatchObject({ tradeId: 't1' }));
    it('should not look beyond the window', () =>
      expect(matchSettlementMessage([trade({ settlementDate: '2024-06-25' })], keys(), 1)).toMatchObject({ kind: 'refused', field: 'keys' }));
    it('should prefer the trade the quantity fills exactly', () =>
      expect(matchSettlementMessage([trade({ tradeId: 't0', quantity: '500', remaining: '500' }), trade()], keys(), 1)).toMatchObject({ tradeId: 't1' }));
    it('should skip a trade of another account when both name one', () =>
      expect(matchSettlementMessage([trade({ account: { custodian: 'CUSTCHZZ', account: 'SAFE-2' } })], keys({ account: { custodian: 'CUSTCHZZ', account: 'SAFE-1' } }), 1))
        .toMatchObject({ kind: 'refused' }));
    it('should refuse two trades that fit equally well, naming both', () =>
      expect(matchSettlementMessage([trade(), trade({ tradeId: 't2' })], keys(), 1)).toEqual({
        kind: 'refused', field: 'keys',
        reason: 'is ambiguous: trades t1, t2 match BUY US0378331005 for 250.5 shares settling 2024-06-28 equally well; give the trade\'s account owner reference (20C::RELA)',
      }));
    it('should refuse a message no trade fits', () => expect(matchSettlementMessage([], keys(), 1)).toMatchObject({ kind: 'refused', field: 'keys' }));
    it('should not take a settled trade', () => expect(matchSettlementMessage([trade({ remaining: '0' })], keys({ quantity: undefined }), 1)).toMatchObject({ kind: 'refused' }));
  });
});
