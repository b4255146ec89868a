import { assertNever, Decider, DomainError } from '../shared/decider';
import { formatFixed, formatShares, parseShares } from '../shared/fixed-point';
import * as guard from '../shared/guards';
import { sameContent } from '../shared/canonical';
import { AmendTrade, CancelTrade, ExecuteTrade, RecordSettlement, RecordSettlementFailure, ReverseSettlement, TradeCommand } from './commands';
import { TradeEvent, TradeExecuted, TradeTerms } from './events';

const PRICE_SCALE = 18;

export type TradeState =
  | { readonly status: 'None' }
  | {
      /** PartiallySettled: some confirmations applied, quantity remaining; amendments and cancels stop here. */
      readonly status: 'Executed' | 'PartiallySettled' | 'Settled' | 'Cancelled';
      readonly execution: TradeExecuted['data'];
      readonly quantity: bigint;
      readonly settled: bigint;
      /** Business keys already applied, so a redelivered confirmation or failure notice is a no-op. */
      readonly confirmations: ReadonlySet<string>;
      readonly failures: ReadonlySet<string>;
      /** Quantity of each confirmation still in effect: what its cancellation gives back. */
      readonly settledBy: ReadonlyMap<string, bigint>;
      /** Confirmations cancelled by the custodian: cancelled once, and never applied again (the same file again is no new fact). */
      readonly reversed: ReadonlySet<string>;
    };

type Known = Exclude<TradeState, { status: 'None' }>;

const CLOSED_CODES = { PartiallySettled: 'TRADE_PARTIALLY_SETTLED', Settled: 'TRADE_SETTLED', Cancelled: 'TRADE_CANCELLED' } as const;

function requireTrade(state: TradeState, tradeId: string): Known {
  if (state.status === 'None') throw new DomainError('TRADE_NOT_FOUND', `trade ${tradeId} was never executed`);
  return state;
}

function normalizedTerms(terms: TradeTerms, tradeDate: string): TradeTerms {
  const settlementDate = guard.businessDate(terms.settlementDate, 'settlementDate');
  if (settlementDate < tradeDate) throw new DomainError('SETTLEMENT_BEFORE_TRADE', `settlementDate ${settlementDate} precedes tradeDate ${tradeDate}`);
  return {
    quantity: formatShares(guard.shares(terms.quantity, 'quantity', 'positive')),
    price: formatFixed(guard.positiveDecimal(terms.price, PRICE_SCALE, 'price'), PRICE_SCALE),
    settlementDate,
  };
}

function executeTrade({ data, metadata }: ExecuteTrade, state: TradeState): TradeEvent[] {
  if (data.side !== 'BUY' && data.side !== 'SELL') throw new DomainError('INVALID_FIELD', `side: must be BUY or SELL (got "${data.side}")`);
  if (!/^[A-Z]{3}$/.test(data.currency)) throw new DomainError('INVALID_FIELD', `currency: not an ISO 4217 code (got "${data.currency}")`);
  const tradeDate = guard.businessDate(data.tradeDate, 'tradeDate');
  const execution: TradeExecuted['data'] = {
    tradeId: guard.nonEmpty(data.tradeId, 'tradeId'),
    assetId: guard.nonEmpty(data.assetId, 'assetId'),
    side: data.side,
    ...normalizedTerms(data, tradeDate),
    currency: data.currency,
    tradeDate,
    broker: guard.nonEmpty(data.broker, 'broker'),
    executedAt: metadata.now,
    ...(data.accountOwnerReference === undefined ? {} : { accountOwnerReference: guard.settlementReference(data.accountOwnerReference, 'accountOwnerReference') }),
    ...(data.custodianReference === undefined ? {} : { custodianReference: guard.settlementReference(data.custodianReference, 'custodianReference') }),
    ...(data.settlementAccount === undefined ? {} : {
      // One custodian, one identity: BIC8 and its BIC11 `XXX` name the same account (shared/bic.ts).
      settlementAccount: { custodian: guard.bic(data.settlementAccount.custodian, 'settlementAccount.custodian'), account: guard.nonEmpty(data.settlementAccount.account, 'settlementAccount.account') },
    }),
  };
  if (state.status !== 'None') {
    // Broker executions get redelivered; only a different execution under the same id is an error.
    if (sameContent(state.execution, execution, ['executedAt'])) return [];
    throw new DomainError('TRADE_ALREADY_EXECUTED', `trade ${data.tradeId} was already executed with different terms`);
  }
  return [{ type: 'TradeExecuted', data: execution }];
}

function amendTrade({ data, metadata }: AmendTrade, state: TradeState): TradeEvent[] {
  const trade = requireTrade(state, data.tradeId);
  if (trade.status !== 'Executed') {
    throw new DomainError(CLOSED_CODES[trade.status], `trade ${data.tradeId} is ${trade.status} and can no longer be amended`);
  }
  const reason = guard.nonEmpty(data.reason, 'reason');
  const current = trade.execution;
  const terms = normalizedTerms(
    { quantity: data.quantity ?? current.quantity, price: data.price ?? current.price, settlementDate: data.settlementDate ?? current.settlementDate },
    current.tradeDate,
  );
  const unchanged = terms.quantity === current.quantity && terms.price === current.price && terms.settlementDate === current.settlementDate;
  if (unchanged) return []; // a retried amendment, already in effect
  return [{ type: 'TradeAmended', data: { tradeId: current.tradeId, assetId: current.assetId, ...terms, reason, amendedAt: metadata.now } }];
}

function cancelTrade({ data, metadata }: CancelTrade, state: TradeState): TradeEvent[] {
  const trade = requireTrade(state, data.tradeId);
  const reason = guard.nonEmpty(data.reason, 'reason');
  switch (trade.status) {
    case 'Cancelled':
      return [];
    case 'PartiallySettled':
      throw new DomainError('TRADE_PARTIALLY_SETTLED', `trade ${data.tradeId} has settlements; it cannot be cancelled`);
    case 'Settled':
      throw new DomainError('TRADE_SETTLED', `trade ${data.tradeId} is settled; it cannot be cancelled`);
    case 'Executed':
      return [{ type: 'TradeCancelled', data: { tradeId: trade.execution.tradeId, assetId: trade.execution.assetId, reason, cancelledAt: metadata.now } }];
    default:
      return assertNever(trade.status);
  }
}

function recordSettlement({ data }: RecordSettlement, state: TradeState): TradeEvent[] {
  const trade = requireTrade(state, data.tradeId);
  const confirmationId = guard.nonEmpty(data.confirmationId, 'confirmationId');
  if (trade.confirmations.has(confirmationId)) return []; // checked first: a redelivery after full settlement is still a no-op
  if (trade.status === 'Cancelled') throw new DomainError('TRADE_CANCELLED', `trade ${data.tradeId} is cancelled; nothing can settle`);
  const quantity = guard.shares(data.quantity, 'quantity', 'positive');
  const settledAt = guard.timestamp(data.settledAt, 'settledAt');
  const remaining = trade.quantity - trade.settled;
  if (quantity > remaining) {
    throw new DomainError('OVER_SETTLEMENT', `trade ${data.tradeId}: confirmation for ${formatShares(quantity)} exceeds the ${formatShares(remaining)} remaining`);
  }
  const { tradeId, assetId, side } = trade.execution;
  return [{
    type: 'TradeSettled',
    data: {
      tradeId, assetId, side, confirmationId, settledAt,
      quantity: formatShares(quantity),
      settledQuantity: formatShares(trade.settled + quantity),
      remainingQuantity: formatShares(remaining - quantity),
    },
  }];
}

function recordSettlementFailure({ data, metadata }: RecordSettlementFailure, state: TradeState): TradeEvent[] {
  const trade = requireTrade(state, data.tradeId);
  const failureId = guard.nonEmpty(data.failureId, 'failureId');
  if (trade.failures.has(failureId)) return [];
  if (trade.status === 'Cancelled') throw new DomainError('TRADE_CANCELLED', `trade ${data.tradeId} is cancelled`);
  if (trade.status === 'Settled') throw new DomainError('TRADE_SETTLED', `trade ${data.tradeId} is already settled`);
  const reason = guard.nonEmpty(data.reason, 'reason');
  const reasonCode = data.reasonCode === undefined ? {} : { reasonCode: guard.reasonCode(data.reasonCode, 'reasonCode') };
  // A failure does not end the trade: it stays due, and ages into a "failed / aged settlement" break.
  return [{ type: 'SettlementFailed', data: { tradeId: trade.execution.tradeId, assetId: trade.execution.assetId, failureId, reason, failedAt: metadata.now, ...reasonCode } }];
}

function reverseSettlement({ data, metadata }: ReverseSettlement, state: TradeState): TradeEvent[] {
  const trade = requireTrade(state, data.tradeId);
  const confirmationId = guard.nonEmpty(data.confirmationId, 'confirmationId');
  const reversalId = guard.nonEmpty(data.reversalId, 'reversalId');
  if (trade.reversed.has(confirmationId)) return []; // the same cancellation again
  const quantity = trade.settledBy.get(confirmationId);
  if (quantity === undefined) {
    throw new DomainError('CONFIRMATION_NOT_FOUND', `confirmationId: trade ${data.tradeId} has no confirmation ${confirmationId} to cancel`);
  }
  const { tradeId, assetId, side } = trade.execution;
  const settled = trade.settled - quantity;
  return [{
    type: 'SettlementReversed',
    data: {
      tradeId, assetId, side, confirmationId, reversalId, reversedAt: metadata.now,
      quantity: formatShares(quantity),
      settledQuantity: formatShares(settled),
      remainingQuantity: formatShares(trade.quantity - settled),
    },
  }];
}

function decide(command: TradeCommand, state: TradeState): TradeEvent[] {
  switch (command.type) {
    case 'ExecuteTrade':
      return executeTrade(command, state);
    case 'AmendTrade':
      return amendTrade(command, state);
    case 'CancelTrade':
      return cancelTrade(command, state);
    case 'RecordSettlement':
      return recordSettlement(command, state);
    case 'RecordSettlementFailure':
      return recordSettlementFailure(command, state);
    case 'ReverseSettlement':
      return reverseSettlement(command, state);
    default:
      return assertNever(command);
  }
}

function evolve(state: TradeState, event: TradeEvent): TradeState {
  if (event.type === 'TradeExecuted') {
    const quantity = parseShares(event.data.quantity);
    return { status: 'Executed', execution: event.data, quantity, settled: 0n, confirmations: new Set(), failures: new Set(), settledBy: new Map(), reversed: new Set() };
  }
  if (state.status === 'None') return state;
  switch (event.type) {
    case 'TradeAmended': {
      const { quantity, price, settlementDate } = event.data;
      return { ...state, execution: { ...state.execution, quantity, price, settlementDate }, quantity: parseShares(quantity) };
    }
    case 'TradeCancelled':
      return { ...state, status: 'Cancelled' };
    case 'TradeSettled': {
      const settled = state.settled + parseShares(event.data.quantity);
      const status = settled === state.quantity ? 'Settled' : 'PartiallySettled';
      const settledBy = new Map(state.settledBy).set(event.data.confirmationId, parseShares(event.data.quantity));
      return { ...state, status, settled, confirmations: new Set(state.confirmations).add(event.data.confirmationId), settledBy };
    }
    case 'SettlementReversed': {
      const settled = state.settled - parseShares(event.data.quantity);
      const settledBy = new Map(state.settledBy);
      settledBy.delete(event.data.confirmationId);
      // A cancelled trade stays cancelled; otherwise the trade is as due as its remaining confirmations leave it.
      const status = state.status === 'Cancelled' ? 'Cancelled' : settled === 0n ? 'Executed' : settled === state.quantity ? 'Settled' : 'PartiallySettled';
      return { ...state, status, settled, settledBy, reversed: new Set(state.reversed).add(event.data.confirmationId) };
    }
    case 'SettlementFailed':
      return { ...state, failures: new Set(state.failures).add(event.data.failureId) };
    default:
      return assertNever(event);
  }
}

const initialState = (): TradeState => ({ status: 'None' });

export const tradeDecider: Decider<TradeCommand, TradeEvent, TradeState> = { decide, evolve, initialState };
