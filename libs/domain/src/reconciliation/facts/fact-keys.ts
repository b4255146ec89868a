import { AnyDomainEvent } from '../../catalogue/domain-event';
import { DomainError } from '../../shared/decider';
import { AccountRef } from '../../matching/settlement-matching';
import { FactsDocument } from './documents';

export const assetFactsKey = (assetId: string): string => `asset:${assetId}`;
/** Custody stream ids never contain '/' (see streamName), so the first '/' splits the key back. */
export const accountFactsKey = ({ custodian, account }: AccountRef): string => `account:${custodian}/${account}`;

/** The one document of the approved reconciliation policy. */
export const POLICY_FACTS_KEY = 'policy:reconciliation';

export type ParsedFactsKey = { readonly kind: 'asset'; readonly assetId: string } | ({ readonly kind: 'account' } & AccountRef) | { readonly kind: 'policy' };

export function parseFactsKey(key: string): ParsedFactsKey {
  if (key === POLICY_FACTS_KEY) return { kind: 'policy' };
  if (key.startsWith('asset:') && key.length > 'asset:'.length) return { kind: 'asset', assetId: key.slice('asset:'.length) };
  const slash = key.indexOf('/');
  if (key.startsWith('account:') && slash > 'account:'.length && slash < key.length - 1) {
    return { kind: 'account', custodian: key.slice('account:'.length, slash), account: key.slice(slash + 1) };
  }
  throw new DomainError('INVALID_FACTS_KEY', `not a facts document key: "${key}"`);
}

/**
 * Keys of the documents an event updates. A link updates both sides: the asset learns which
 * accounts to read, the account which assets to name when its statements change. Exception events (but
 * an ISIN put on an account's ignore list), and anything else the reconciler does not read, update none.
 */
export function factKeysOf(event: AnyDomainEvent): string[] {
  switch (event.type) {
    case 'CustodyAccountLinked':
      return [assetFactsKey(event.data.assetId), accountFactsKey(event.data)];
    case 'AssetRegistered':
    case 'TokenDeployed':
    case 'MultiplierChanged':
    case 'TradeExecuted':
    case 'TradeAmended':
    case 'TradeCancelled':
    case 'TradeSettled':
    case 'SettlementFailed':
    case 'SettlementReversed':
    case 'MintRequested':
    case 'MintedOnChain':
    case 'RedemptionRequested':
    case 'BurnedOnChain':
    case 'ChainTransferObserved':
    case 'ChainTransferReverted':
    case 'ChainMultiplierObserved':
    case 'TotalSupplyRead':
    case 'ChainReorgDetected':
      return [assetFactsKey(event.data.assetId)];
    case 'StatementReceived':
    case 'ConflictingDuplicateDetected':
    case 'StatementCancelled':
    case 'StatementPageCancelled':
    case 'CustodyMovementRecorded':
    case 'ConflictingTransactionsDetected':
    case 'TransactionsCancelled':
    case 'StatementScheduleApproved': // only an approved schedule counts: a proposal or a rejection changes no facts
    case 'InstrumentIgnored': // an approved ignore-instrument resolution, on the exception's stream
      return [accountFactsKey(event.data)];
    case 'PolicyApproved': // only an approved policy counts: a proposal or a rejection changes no facts
      return [POLICY_FACTS_KEY];
    default:
      return [];
  }
}

/** The asset's own document and one per linked account, in key order. */
export function factKeysForSnapshot(assetDoc: FactsDocument): string[] {
  if (assetDoc.kind !== 'asset') throw new DomainError('INVALID_FACTS_KEY', 'a snapshot is built from an asset document');
  const accounts = Object.values(assetDoc.linkedAccounts).map(accountFactsKey).sort();
  return [assetFactsKey(assetDoc.assetId), ...accounts];
}
