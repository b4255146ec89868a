import { tradeDecider, TradeEvent } from '@recon/domain';
import { parseDecimal, SettlementConfirmationMessage, SettlementStatusAdvice } from '@recon/statements';
import { StatementRefusedError } from './statement-problem';
import { settlementPlan } from './settlement-ingestion';
import { BookedTrade } from './trade-book';

const APPLE = 'US0378331005';
const metadata = { now: '2024-06-28T18:00:00Z', actor: 'test' };
const executed: TradeEvent = {
  type: 'TradeExecuted',
  data: {
    tradeId: 'T-1', assetId: 'bAAPL', side: 'BUY', quantity: '250.5', price: '214.1', currency: 'USD', tradeDate: '2024-06-27', settlementDate: '2024-06-28',
    broker: 'Broker AG', executedAt: '2024-06-27T12:00:00Z', accountOwnerReference: 'ISSR-BUY-0001',
  },
};
const bookOf = (...events: TradeEvent[]): BookedTrade[] => {
  const state = events.reduce(tradeDecider.evolve, tradeDecider.initialState());
  return state.status === 'None' ? [] : [{ assetId: 'bAAPL', isin: APPLE, state }];
};
const confirmation = (changes: Partial<SettlementConfirmationMessage> = {}): SettlementConfirmationMessage => ({
  kind: 'SETTLEMENT_CONFIRMATION', format: 'MT545', custodian: 'CUSTCHZZ', messageReference: 'CONF-1', messageFunction: 'NEWM', accountOwnerReference: 'ISSR-BUY-0001',
  direction: 'RECEIVE', payment: 'APMT', isin: APPLE, quantity: { type: 'UNIT', units: parseDecimal('250.5') }, settlementDate: '2024-06-28', effectiveSettlementDate: '2024-06-28',
  lines: { reference: 3, link: 7, instrument: 18, quantity: 22 }, ...changes,
});
const advice = (changes: Partial<SettlementStatusAdvice> = {}): SettlementStatusAdvice => ({
  kind: 'SETTLEMENT_STATUS', format: 'MT548', custodian: 'CUSTCHZZ', messageReference: 'STAT-1', accountOwnerReference: 'ISSR-BUY-0001',
  statuses: [{ type: 'SETT', code: 'PENF', reasons: [{ code: 'CLAC', narrative: 'Counterparty insufficient securities' }] }], lines: { reference: 3, link: 7, status: 10 }, ...changes,
});
const refusalOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementRefusedError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
};

describe('What a settlement message records', () => {
  describe('Given a confirmation of the whole trade', () => {
    it('should record the settlement under the SEME at the effective date', () =>
      expect(settlementPlan({ file: 'c.txt', statement: confirmation() }, bookOf(executed), metadata, 1).command).toEqual({
        type: 'RecordSettlement', data: { tradeId: 'T-1', confirmationId: 'CONF-1', quantity: '250.5', settledAt: '2024-06-28T00:00:00Z' }, metadata,
      }));
    it('should keep a settlement time given with its offset', () =>
      expect(settlementPlan({ file: 'c.txt', statement: confirmation({ effectiveSettlementDate: '2024-06-28T14:30:00+02:00' }) }, bookOf(executed), metadata, 1).command?.data)
        .toMatchObject({ settledAt: '2024-06-28T14:30:00+02:00' }));
  });

  describe('Given a confirmation without references, matched on its keys', () => {
    const onAccount = (account: string): TradeEvent => ({ ...executed, data: { ...executed.data, accountOwnerReference: undefined, settlementAccount: { custodian: 'CUSTCHZZ', account } } } as TradeEvent);
    const unreferenced = confirmation({ accountOwnerReference: undefined, account: 'SAFE-1' });
    it('should settle the trade that settles in the same safekeeping account', () =>
      expect(settlementPlan({ file: 'c.txt', statement: unreferenced }, bookOf(onAccount('SAFE-1')), metadata, 1).tradeId).toBe('T-1'));
    it('should not take a trade that settles in another account', () =>
      expect(refusalOf(() => settlementPlan({ file: 'c.txt', statement: unreferenced }, bookOf(onAccount('SAFE-2')), metadata, 1))[0]?.message).toContain('no trade matches'));
  });

  describe('Given a confirmation the trade rules refuse', () => {
    it('should refuse the file at the quantity, naming the message and the rule', () => {
      const settled: TradeEvent = { type: 'TradeSettled', data: { tradeId: 'T-1', assetId: 'bAAPL', side: 'BUY', confirmationId: 'CONF-0', quantity: '200', settledQuantity: '200', remainingQuantity: '50.5', settledAt: '2024-06-28T00:00:00Z' } };
      expect(refusalOf(() => settlementPlan({ file: 'c.txt', statement: confirmation() }, bookOf(executed, settled), metadata, 1))).toEqual([{
        file: 'c.txt', line: 7, field: '20C (RELA reference)',
        message: 'message CONF-1: account owner reference ISSR-BUY-0001 names trade T-1, which has 50.5 shares left to settle, fewer than the 250.5 settled',
      }]);
    });
    it('should name the ISO 20022 element for a sese.025', () =>
      expect(refusalOf(() => settlementPlan({ file: 'c.xml', statement: confirmation({ format: 'SESE025', accountOwnerReference: undefined }) }, [], metadata, 1))[0])
        .toMatchObject({ line: 18, field: 'ISIN (financial instrument)' }));
  });

  describe('Given a cancellation (CANC) of a confirmation no trade recorded', () => {
    it('should refuse the file at PREV', () =>
      expect(refusalOf(() => settlementPlan({ file: 'c.txt', statement: confirmation({ messageFunction: 'CANC', cancels: 'CONF-9', lines: { reference: 3, cancels: 7 } }) }, bookOf(executed), metadata, 1)))
        .toEqual([{ file: 'c.txt', line: 7, field: '20C (PREV reference)', message: 'message CONF-1: cancels confirmation CONF-9, which no trade has recorded' }]));
  });

  describe('Given status advices', () => {
    it('should record a failing status with its reason code and narrative', () =>
      expect(settlementPlan({ file: 's.txt', statement: advice() }, bookOf(executed), metadata, 1).command).toEqual({
        type: 'RecordSettlementFailure', data: { tradeId: 'T-1', failureId: 'STAT-1', reason: 'Counterparty insufficient securities', reasonCode: 'CLAC' }, metadata,
      }));
    it('should keep a proprietary reason out of the reason code', () =>
      expect(settlementPlan({ file: 's.txt', statement: advice({ statuses: [{ type: 'SETT', code: 'PENF', reasons: [{ code: 'XBNK/X001' }] }] }) }, bookOf(executed), metadata, 1).command?.data)
        .toEqual({ tradeId: 'T-1', failureId: 'STAT-1', reason: 'settlement failing, reason XBNK/X001' }));
    it('should record nothing for a pending status, and report it', () =>
      expect(settlementPlan({ file: 's.txt', statement: advice({ statuses: [{ type: 'SETT', code: 'PEND', reasons: [{ code: 'LACK' }] }] }) }, bookOf(executed), metadata, 1))
        .toEqual({ kind: 'pending', tradeId: 'T-1', matchedBy: 'account-owner-reference', status: 'SETT//PEND', reasonCode: 'LACK' }));
    it('should record nothing for a matching status, without looking for the trade', () =>
      expect(settlementPlan({ file: 's.txt', statement: advice({ statuses: [{ type: 'MTCH', code: 'MACH', reasons: [] }] }) }, [], metadata, 1)).toEqual({ kind: 'other-status', status: 'MTCH//MACH' }));
  });
});
