import { specification } from '../testing/decider-specification';
import { meta, NOW } from '../testing/fixtures';
import { ExecuteTrade, TradeCommand } from './commands';
import { tradeDecider } from './decider';
import { TradeEvent, TradeExecuted } from './events';
import { tradeStream } from './stream';

const { given } = specification(tradeDecider);
const SETTLED_AT = '2025-03-17T14:00:00Z';

const execute = (overrides: Partial<ExecuteTrade['data']> = {}): TradeCommand => ({
  type: 'ExecuteTrade',
  data: {
    tradeId: 't1', assetId: 'aapl', side: 'BUY', quantity: '100.50', price: '213.25', currency: 'USD',
    tradeDate: '2025-03-14', settlementDate: '2025-03-17', broker: 'broker-a', ...overrides,
  },
  metadata: meta(),
});
const executed: TradeExecuted = {
  type: 'TradeExecuted',
  data: {
    tradeId: 't1', assetId: 'aapl', side: 'BUY', quantity: '100.5', price: '213.25', currency: 'USD',
    tradeDate: '2025-03-14', settlementDate: '2025-03-17', broker: 'broker-a', executedAt: NOW,
  },
};
const amend = (data: Partial<Extract<TradeCommand, { type: 'AmendTrade' }>['data']>): TradeCommand => ({
  type: 'AmendTrade', data: { tradeId: 't1', reason: 'broker correction', ...data }, metadata: meta(),
});
const cancel: TradeCommand = { type: 'CancelTrade', data: { tradeId: 't1', reason: 'booked twice' }, metadata: meta() };
const settle = (confirmationId: string, quantity: string, settledAt = SETTLED_AT): TradeCommand => ({
  type: 'RecordSettlement', data: { tradeId: 't1', confirmationId, quantity, settledAt }, metadata: meta(),
});
const settled = (confirmationId: string, quantity: string, settledQuantity: string, remainingQuantity: string): TradeEvent => ({
  type: 'TradeSettled',
  data: { tradeId: 't1', assetId: 'aapl', side: 'BUY', confirmationId, quantity, settledQuantity, remainingQuantity, settledAt: SETTLED_AT },
});
const fail = (failureId = 'f1'): TradeCommand => ({ type: 'RecordSettlementFailure', data: { tradeId: 't1', failureId, reason: 'lack of securities' }, metadata: meta() });
const failed: TradeEvent = { type: 'SettlementFailed', data: { tradeId: 't1', assetId: 'aapl', failureId: 'f1', reason: 'lack of securities', failedAt: NOW } };
const cancelled: TradeEvent = { type: 'TradeCancelled', data: { tradeId: 't1', assetId: 'aapl', reason: 'booked twice', cancelledAt: NOW } };
const partly = settled('c1', '40', '40', '60.5');

describe('Trade decider', () => {
  describe('When no trade was executed', () => {
    it('should record where the shares settle, the custodian in its BIC normal form', () =>
      given([]).when(execute({ settlementAccount: { custodian: 'custchzzxxx', account: 'SAFE-1' } }))
        .then([{ ...executed, data: { ...executed.data, settlementAccount: { custodian: 'CUSTCHZZ', account: 'SAFE-1' } } }]));
    it('should refuse a settlement account at something that is not a BIC, naming the field', () =>
      given([]).when(execute({ settlementAccount: { custodian: 'my bank', account: 'SAFE-1' } })).thenThrows('INVALID_BIC'));
    it('should record the execution with normalized quantities', () => given([]).when(execute()).then([executed]));
    it('should refuse a settlement date before the trade date', () =>
      given([]).when(execute({ settlementDate: '2025-03-13' })).thenThrows('SETTLEMENT_BEFORE_TRADE'));
    it('should refuse a zero quantity', () => given([]).when(execute({ quantity: '0' })).thenThrows('INVALID_QUANTITY'));
    it('should refuse a negative price', () => given([]).when(execute({ price: '-1' })).thenThrows('INVALID_QUANTITY'));
    it('should refuse an impossible calendar date', () => given([]).when(execute({ tradeDate: '2025-02-30' })).thenThrows('INVALID_DATE'));
    it('should refuse an unknown side', () => given([]).when(execute({ side: 'SHORT' as 'BUY' })).thenThrows('INVALID_FIELD'));
    it('should refuse a currency that is not ISO 4217', () => given([]).when(execute({ currency: 'usd' })).thenThrows('INVALID_FIELD'));
    it('should refuse an amendment', () => given([]).when(amend({ price: '1' })).thenThrows('TRADE_NOT_FOUND'));
    it('should refuse a cancellation', () => given([]).when(cancel).thenThrows('TRADE_NOT_FOUND'));
    it('should refuse a settlement', () => given([]).when(settle('c1', '1')).thenThrows('TRADE_NOT_FOUND'));
    it('should refuse a settlement failure', () => given([]).when(fail()).thenThrows('TRADE_NOT_FOUND'));
  });

  describe('When the trade is executed', () => {
    it('should treat the same execution redelivered as a no-op', () => given([executed]).when(execute({ quantity: '100.5000' })).then([]));
    it('should refuse a different execution under the same id', () =>
      given([executed]).when(execute({ quantity: '1' })).thenThrows('TRADE_ALREADY_EXECUTED'));
    it('should amend the given terms and keep the others', () =>
      given([executed]).when(amend({ price: '213.30' })).then([
        { type: 'TradeAmended', data: { tradeId: 't1', assetId: 'aapl', quantity: '100.5', price: '213.3', settlementDate: '2025-03-17', reason: 'broker correction', amendedAt: NOW } },
      ]));
    it('should treat an amendment that changes nothing as a no-op', () => given([executed]).when(amend({ price: '213.250' })).then([]));
    it('should refuse an amendment moving settlement before the trade date', () =>
      given([executed]).when(amend({ settlementDate: '2025-03-01' })).thenThrows('SETTLEMENT_BEFORE_TRADE'));
    it('should cancel it', () => given([executed]).when(cancel).then([cancelled]));
    it('should settle it in full', () => given([executed]).when(settle('c1', '100.5')).then([settled('c1', '100.5', '100.5', '0')]));
    it('should settle it in part', () => given([executed]).when(settle('c1', '40')).then([partly]));
    it('should refuse a confirmation for more than the trade quantity', () => given([executed]).when(settle('c1', '100.6')).thenThrows('OVER_SETTLEMENT'));
    it('should refuse a settlement time that is not ISO-8601', () =>
      given([executed]).when(settle('c1', '1', 'yesterday')).thenThrows('INVALID_TIMESTAMP'));
    it('should record a settlement failure', () => given([executed]).when(fail()).then([failed]));
  });

  describe('When the trade was amended', () => {
    const amended: TradeEvent = {
      type: 'TradeAmended',
      data: { tradeId: 't1', assetId: 'aapl', quantity: '50', price: '213.25', settlementDate: '2025-03-17', reason: 'partial fill', amendedAt: NOW },
    };
    it('should settle against the amended quantity', () => given([executed, amended]).when(settle('c1', '50')).then([settled('c1', '50', '50', '0')]));
    it('should refuse settling the original quantity', () => given([executed, amended]).when(settle('c1', '100.5')).thenThrows('OVER_SETTLEMENT'));
  });

  describe('When the trade is partially settled', () => {
    it('should settle the remainder', () => given([executed, partly]).when(settle('c2', '60.5')).then([settled('c2', '60.5', '100.5', '0')]));
    it('should refuse more than the remainder', () => given([executed, partly]).when(settle('c2', '60.6')).thenThrows('OVER_SETTLEMENT'));
    it('should apply a redelivered confirmation once', () => given([executed, partly]).when(settle('c1', '40')).then([]));
    it('should refuse a cancellation', () => given([executed, partly]).when(cancel).thenThrows('TRADE_PARTIALLY_SETTLED'));
    it('should refuse an amendment', () => given([executed, partly]).when(amend({ price: '1' })).thenThrows('TRADE_PARTIALLY_SETTLED'));
    it('should record a settlement failure for the remainder', () => given([executed, partly]).when(fail()).then([failed]));
  });

  describe('When the trade is fully settled', () => {
    const full = [executed, settled('c1', '100.5', '100.5', '0')];
    it('should refuse a cancellation', () => given(full).when(cancel).thenThrows('TRADE_SETTLED'));
    it('should refuse an amendment', () => given(full).when(amend({ price: '1' })).thenThrows('TRADE_SETTLED'));
    it('should refuse a further confirmation', () => given(full).when(settle('c2', '0.000001')).thenThrows('OVER_SETTLEMENT'));
    it('should treat the confirmation redelivered as a no-op', () => given(full).when(settle('c1', '100.5')).then([]));
    it('should refuse a settlement failure', () => given(full).when(fail()).thenThrows('TRADE_SETTLED'));
  });

  describe('When the trade is cancelled', () => {
    it('should treat a second cancellation as a no-op', () => given([executed, cancelled]).when(cancel).then([]));
    it('should refuse a settlement', () => given([executed, cancelled]).when(settle('c1', '1')).thenThrows('TRADE_CANCELLED'));
    it('should refuse an amendment', () => given([executed, cancelled]).when(amend({ price: '1' })).thenThrows('TRADE_CANCELLED'));
    it('should refuse a settlement failure', () => given([executed, cancelled]).when(fail()).thenThrows('TRADE_CANCELLED'));
  });

  describe('When a settlement failure was recorded', () => {
    it('should treat the same failure notice again as a no-op', () => given([executed, failed]).when(fail()).then([]));
    it('should record a further failure', () =>
      given([executed, failed]).when(fail('f2')).then([{ ...failed, data: { ...failed.data, failureId: 'f2' } }]));
    it('should still settle the trade', () => given([executed, failed]).when(settle('c1', '100.5')).then([settled('c1', '100.5', '100.5', '0')]));
  });

  describe('When the trade carries the references of its settlement instruction', () => {
    const references = { accountOwnerReference: 'ISSR-BUY-0001', custodianReference: 'CUST-778812' };
    it('should record them on the execution', () =>
      given([]).when(execute(references)).then([{ ...executed, data: { ...executed.data, ...references } }]));
    it('should refuse a reference that does not fit 20C (16 SWIFT characters)', () =>
      given([]).when(execute({ accountOwnerReference: 'ISSR-BUY-0001-TOO-LONG' })).thenThrows('INVALID_FIELD'));
    it('should refuse a reference with a leading slash', () => given([]).when(execute({ custodianReference: '/CUST' })).thenThrows('INVALID_FIELD'));
  });

  describe('When the custodian gives a failure reason code', () => {
    const failWithCode = (reasonCode: string): TradeCommand => ({ type: 'RecordSettlementFailure', data: { tradeId: 't1', failureId: 'f1', reason: 'lack of securities', reasonCode }, metadata: meta() });
    it('should record the code with the failure', () =>
      given([executed]).when(failWithCode('CLAC')).then([{ ...failed, data: { ...failed.data, reasonCode: 'CLAC' } } as TradeEvent]));
    it('should refuse a code that is not four characters', () => given([executed]).when(failWithCode('clac')).thenThrows('INVALID_FIELD'));
  });

  describe('When a confirmation is cancelled (ReverseSettlement)', () => {
    const reverse = (confirmationId: string, reversalId = 'r1'): TradeCommand => ({ type: 'ReverseSettlement', data: { tradeId: 't1', confirmationId, reversalId }, metadata: meta() });
    const reversed = (confirmationId: string, quantity: string, settledQuantity: string, remainingQuantity: string): TradeEvent => ({
      type: 'SettlementReversed',
      data: { tradeId: 't1', assetId: 'aapl', side: 'BUY', confirmationId, reversalId: 'r1', quantity, settledQuantity, remainingQuantity, reversedAt: NOW },
    });
    it('should give back what a full confirmation settled', () =>
      given([executed, settled('c1', '100.5', '100.5', '0')]).when(reverse('c1')).then([reversed('c1', '100.5', '0', '100.5')]));
    it('should give back one partial and keep the other', () =>
      given([executed, partly, settled('c2', '60.5', '100.5', '0')]).when(reverse('c2')).then([reversed('c2', '60.5', '40', '60.5')]));
    it('should treat the same cancellation again as a no-op', () =>
      given([executed, partly, reversed('c1', '40', '0', '100.5')]).when(reverse('c1')).then([]));
    it('should not apply the cancelled confirmation again when it is delivered again', () =>
      given([executed, partly, reversed('c1', '40', '0', '100.5')]).when(settle('c1', '40')).then([]));
    it('should let the trade settle again with a new confirmation', () =>
      given([executed, partly, reversed('c1', '40', '0', '100.5')]).when(settle('c3', '100.5')).then([settled('c3', '100.5', '100.5', '0')]));
    it('should let a trade that is due again be amended', () =>
      given([executed, partly, reversed('c1', '40', '0', '100.5')]).when(amend({ price: '1' })).then([
        { type: 'TradeAmended', data: { tradeId: 't1', assetId: 'aapl', quantity: '100.5', price: '1', settlementDate: '2025-03-17', reason: 'broker correction', amendedAt: NOW } },
      ]));
    it('should refuse a confirmation the trade never had', () => given([executed, partly]).when(reverse('c9')).thenThrows('CONFIRMATION_NOT_FOUND'));
    it('should refuse it for a trade never executed', () => given([]).when(reverse('c1')).thenThrows('TRADE_NOT_FOUND'));
  });

  describe('When naming the stream', () => {
    it('should prefix the trade id', () => expect(tradeStream('t1')).toBe('trade-t1'));
  });
});
