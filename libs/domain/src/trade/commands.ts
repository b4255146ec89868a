import { DomainCommand } from '../shared/event';
import { SettlementAccount, TradeSide } from './events';

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
  /**
   * Our reference of the settlement instruction sent to the custodian: confirmations and status
   * advices name it back (MT54x and MT548 20C::RELA, sese.025/024 AcctOwnrTxId).
   */
  accountOwnerReference?: string;
  /** The custodian's own reference of the transaction, once known (20C::ASRF, AcctSvcrTxId). */
  custodianReference?: string;
  /** The custodian (BIC) and safekeeping account the shares settle in: settlement messages without a reference are matched on it, and the statement of that account shows the trade. */
  settlementAccount?: SettlementAccount;
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
  /** The standard's four-character reason code (MT548 24B::PENF, sese.024 Flng/Rsn/Cd), e.g. CLAC. */
  reasonCode?: string;
}>;

/**
 * The custodian withdrew a confirmation it sent (MT54x 23G CANC naming it in 20C::PREV): what it
 * settled is due again. `reversalId` is the cancelling message's reference.
 */
export type ReverseSettlement = DomainCommand<'ReverseSettlement', {
  tradeId: string;
  confirmationId: string;
  reversalId: string;
}>;

export type TradeCommand = ExecuteTrade | AmendTrade | CancelTrade | RecordSettlement | RecordSettlementFailure | ReverseSettlement;
