import { DomainEvent } from '../shared/event';

export type TradeSide = 'BUY' | 'SELL';

/** Terms a broker execution fixes and an amendment may change. Quantities and prices are decimal strings. */
export interface TradeTerms {
  readonly quantity: string;
  readonly price: string;
  /** Business date (YYYY-MM-DD) the shares are due at the custodian. */
  readonly settlementDate: string;
}

// Every trade event names its asset: the relay keys Kafka messages by asset id.
export type TradeExecuted = DomainEvent<'TradeExecuted', TradeTerms & {
  tradeId: string;
  assetId: string;
  side: TradeSide;
  currency: string;
  tradeDate: string;
  broker: string;
  executedAt: string;
  /** Our reference of the settlement instruction (20C::RELA in the custodian's messages); absent on trades booked without one. */
  accountOwnerReference?: string;
  /** The custodian's reference of the transaction (20C::ASRF). */
  custodianReference?: string;
  /** Where the shares settle: the custodian (BIC, normal form) and the safekeeping account (97A::SAFE). */
  settlementAccount?: SettlementAccount;
}>;

export interface SettlementAccount {
  custodian: string;
  account: string;
}

export type TradeAmended = DomainEvent<'TradeAmended', TradeTerms & {
  tradeId: string;
  assetId: string;
  reason: string;
  amendedAt: string;
}>;

export type TradeCancelled = DomainEvent<'TradeCancelled', { tradeId: string; assetId: string; reason: string; cancelledAt: string }>;

/** One settlement confirmation (MT545 / MT547): full or partial. */
export type TradeSettled = DomainEvent<'TradeSettled', {
  tradeId: string;
  assetId: string;
  side: TradeSide;
  confirmationId: string;
  quantity: string;
  /** Cumulative, after this confirmation: saves every projection from re-adding partials. */
  settledQuantity: string;
  remainingQuantity: string;
  settledAt: string;
}>;

export type SettlementFailed = DomainEvent<'SettlementFailed', {
  tradeId: string;
  assetId: string;
  failureId: string;
  reason: string;
  failedAt: string;
  /** The custodian's four-character reason code (24B::PENF//CLAC …), when it gave one. */
  reasonCode?: string;
}>;

/** A confirmation the custodian cancelled: its quantity is unsettled again. Cumulative figures as on TradeSettled. */
export type SettlementReversed = DomainEvent<'SettlementReversed', {
  tradeId: string;
  assetId: string;
  side: TradeSide;
  confirmationId: string;
  reversalId: string;
  quantity: string;
  settledQuantity: string;
  remainingQuantity: string;
  reversedAt: string;
}>;

export type TradeEvent = TradeExecuted | TradeAmended | TradeCancelled | TradeSettled | SettlementFailed | SettlementReversed;

export const TRADE_EVENT_TYPES = ['TradeExecuted', 'TradeAmended', 'TradeCancelled', 'TradeSettled', 'SettlementFailed', 'SettlementReversed'] as const satisfies readonly TradeEvent['type'][];
