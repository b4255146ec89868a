/**
 * Event builders for the facts specs: realistic defaults for the busy asset of
 * reconciliation/testing/scenarios.ts (Apple on chains 1 and 8453, accounts SAFE-1 and SAFE-2), each
 * tagged with the stream it belongs to, so specs can interleave streams but keep each in order.
 */
import { AnyDomainEvent } from '../../../catalogue/domain-event';
import { StatementContent } from '../../../custody/events';
import { TradeSide } from '../../../trade/events';

export const APPLE = 'US0378331005';
export const MSFT = 'US5949181045';
export const HASH = (n: number): string => '0x' + n.toString(16).padStart(64, '0');

export interface StreamEvent {
  readonly stream: string;
  readonly eventId: string;
  readonly event: AnyDomainEvent;
  /** When the store recorded it, if not just after the event before it in the list. */
  readonly recordedAt?: string;
}

export const recordedAt = (at: string, event: StreamEvent): StreamEvent => ({ ...event, recordedAt: at });

const on = (stream: string, eventId: string, event: AnyDomainEvent): StreamEvent => ({ stream, eventId, event });

export const registered = (eventId: string, { assetId = 'aapl', isin = APPLE, initialMultiplier = '1', registeredAt = '2024-01-02T09:00:00Z' } = {}) =>
  on(`asset-${assetId}`, eventId, { type: 'AssetRegistered', data: { assetId, isin, symbol: 'AAPLx', name: 'Apple', initialMultiplier, registeredAt } });
export const deployed = (eventId: string, chainId: number, decimals: number, assetId = 'aapl') =>
  on(`asset-${assetId}`, eventId, { type: 'TokenDeployed', data: { assetId, chainId, decimals, contractAddress: '0x' + String(chainId).padStart(40, '0') } });
export const linked = (eventId: string, account: string, assetId = 'aapl') =>
  on(`asset-${assetId}`, eventId, { type: 'CustodyAccountLinked', data: { assetId, custodian: 'bank', account, linkedAt: '2024-01-02T09:00:00Z' } });
export const multiplierChanged = (eventId: string, newMultiplier: string, effectiveAt: string, assetId = 'aapl') =>
  on(`asset-${assetId}`, eventId, { type: 'MultiplierChanged', data: { assetId, oldMultiplier: '1', newMultiplier, effectiveAt, reason: 'split' } });

export const executed = (eventId: string, tradeId: string, side: TradeSide, quantity: string, tradeDate: string, settlementDate: string) =>
  on(`trade-${tradeId}`, eventId, {
    type: 'TradeExecuted',
    data: { tradeId, assetId: 'aapl', side, quantity, price: '200', currency: 'USD', tradeDate, settlementDate, broker: 'b', executedAt: `${tradeDate}T15:00:00Z` },
  });
export const amended = (eventId: string, tradeId: string, quantity: string, settlementDate: string) =>
  on(`trade-${tradeId}`, eventId, { type: 'TradeAmended', data: { tradeId, assetId: 'aapl', quantity, price: '200', settlementDate, reason: 'fix', amendedAt: '2025-03-11T10:00:00Z' } });
export const cancelled = (eventId: string, tradeId: string) =>
  on(`trade-${tradeId}`, eventId, { type: 'TradeCancelled', data: { tradeId, assetId: 'aapl', reason: 'error', cancelledAt: '2025-03-11T10:00:00Z' } });
export const settled = (eventId: string, tradeId: string, side: TradeSide, confirmationId: string, quantity: string, remainingQuantity: string, settledAt: string) =>
  on(`trade-${tradeId}`, eventId, {
    type: 'TradeSettled',
    data: { tradeId, assetId: 'aapl', side, confirmationId, quantity, settledQuantity: quantity, remainingQuantity, settledAt },
  });
export const failed = (eventId: string, tradeId: string, failureId: string, failedAt: string, reasonCode?: string) =>
  on(`trade-${tradeId}`, eventId, { type: 'SettlementFailed', data: { tradeId, assetId: 'aapl', failureId, reason: 'no securities', failedAt, ...(reasonCode === undefined ? {} : { reasonCode }) } });
export const reversed = (eventId: string, tradeId: string, side: TradeSide, confirmationId: string, quantity: string, settledQuantity: string, remainingQuantity: string) =>
  on(`trade-${tradeId}`, eventId, {
    type: 'SettlementReversed',
    data: { tradeId, assetId: 'aapl', side, confirmationId, reversalId: `${confirmationId}-canc`, quantity, settledQuantity, remainingQuantity, reversedAt: '2025-03-13T09:00:00Z' },
  });

export const requested = (eventId: string, kind: 'mint' | 'redemption', requestId: string, chainId: number, amount: bigint, requestedAt: string) =>
  on(`issuance-${requestId}`, eventId, {
    type: kind === 'mint' ? 'MintRequested' : 'RedemptionRequested',
    data: { requestId, assetId: 'aapl', chainId, amount: amount.toString(), requestedAt },
  });
export const onChain = (eventId: string, direction: 'mint' | 'burn', requestId: string, chainId: number, amount: bigint, blockNumber: number, blockTime: string, logIndex = 0) =>
  on(`issuance-${requestId}`, eventId, {
    type: direction === 'mint' ? 'MintedOnChain' : 'BurnedOnChain',
    data: { requestId, assetId: 'aapl', chainId, txHash: HASH(blockNumber), logIndex, amount: amount.toString(), blockNumber, blockTime },
  });

type Page = Partial<StatementContent> & Pick<StatementContent, 'account' | 'statementReference' | 'asOf'>;
const contentOf = (page: Page): StatementContent => ({
  custodian: 'bank', page: 1, lastPage: true, basis: 'SETTLED', completeness: 'COMPLETE', positions: [],
  statementId: `bank-${page.statementReference}-${page.page ?? 1}`, ...page,
});
export const statement = (eventId: string, page: Page, receivedAt: string) =>
  on(`custody-bank-${page.account}`, eventId, { type: 'StatementReceived', data: { ...contentOf(page), receivedAt } });
export const statementCancelled = (eventId: string, account: string, statementReference: string, pages: readonly number[] = [1]) =>
  on(`custody-bank-${account}`, eventId, {
    type: 'StatementCancelled',
    data: { custodian: 'bank', account, statementReference, pages, cancellationId: `bank-cancel-${statementReference}`, asOf: '2025-03-13', cancelledAt: '2025-03-14T08:00:00Z' },
  });
/** A CANC whose PREV named one page's SEME withdrew that page (StatementPageCancelled). */
export const pageCancelled = (eventId: string, account: string, statementReference: string, page: number) =>
  on(`custody-bank-${account}`, eventId, {
    type: 'StatementPageCancelled',
    data: { custodian: 'bank', account, statementReference, page, messageReference: `${statementReference}-P${page}`, cancellationId: `bank-cancel-${statementReference}-${page}`, asOf: '2025-03-13', cancelledAt: '2025-03-14T08:00:00Z' },
  });
export const transactionsCancelled = (eventId: string, account: string, statementReference: string, pages: readonly number[] = [1]) =>
  on(`custody-bank-${account}`, eventId, {
    type: 'TransactionsCancelled',
    data: { custodian: 'bank', account, statementReference, pages, cancellationId: `bank-cancel-${statementReference}`, asOf: '2025-03-14', cancelledAt: '2025-03-14T08:00:00Z' },
  });
export const conflicting = (eventId: string, page: Page, detectedAt: string) =>
  on(`custody-bank-${page.account}`, eventId, { type: 'ConflictingDuplicateDetected', data: { ...contentOf(page), detectedAt } });
export const moved = (eventId: string, account: string, movementId: string, quantity: string, movedAt: string, isin = APPLE) =>
  on(`custody-bank-${account}`, eventId, { type: 'CustodyMovementRecorded', data: { custodian: 'bank', account, isin, quantity, movementId, reason: 'settlement', movedAt } });
/** A movement posted on page 1 of a statement of transactions. */
export const postedOn = (statementReference: string, event: StreamEvent): StreamEvent =>
  event.event.type === 'CustodyMovementRecorded' ? { ...event, event: { ...event.event, data: { ...event.event.data, statementReference, page: 1 } } } : event;
/** Page 1 of a statement of transactions delivered again with other postings: `[movementId, quantity, movedAt]`, APPLE. */
export const conflictingTransactions = (eventId: string, account: string, statementReference: string, postings: Array<[string, string, string]>, detectedAt: string) =>
  on(`custody-bank-${account}`, eventId, {
    type: 'ConflictingTransactionsDetected',
    data: {
      custodian: 'bank', account, statementReference, page: 1, detectedAt,
      postings: postings.map(([movementId, quantity, movedAt]) => ({ movementId, isin: APPLE, quantity, reason: 'settlement', movedAt })),
    },
  });
