import { DomainCommand } from '../shared/event';
import { TradeSide } from './events';

export type ExecuteTrade = DomainCommand<'ExecuteTrade', {
  tradeId: string;
  assetId: string;
  side: TradeSide;
  /** Shares, decimal string, positive. */
  quantity: string;
  /** Price per share, decimal string, positive. */
  price: string;
  /** ISO 4217 code, e.g. "USD". */
  currency: string;
  tradeDate: string;
  settlementDate: string;
  broker: string;
}>;

/** Omitted terms stay as they are; allowed only before any settlement. */
export type AmendTrade = DomainCommand<'AmendTrade', {
  tradeId: string;
  quantity?: string;
  price?: string;
  settlementDate?: string;
  reason: string;
}>;

export type CancelTrade = DomainCommand<'CancelTrade', { tradeId: string; reason: string }>;

export type RecordSettlement = DomainCommand<'RecordSettlement', {
  tradeId: string;
  /** The custodian's confirmation reference: a confirmation delivered twice is applied once. */
  confirmationId: string;
  quantity: string;
  settledAt: string;
}>;

export type RecordSettlementFailure = DomainCommand<'RecordSettlementFailure', {
  tradeId: string;
  failureId: string;
  reason: string;
}>;

export type TradeCommand = ExecuteTrade | AmendTrade | CancelTrade | RecordSettlement | RecordSettlementFailure;
