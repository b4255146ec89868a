import { orderBy } from '../../matching/order';
import { DomainError } from '../../shared/decider';
import { AssetSnapshot } from '../snapshot';
import { emptyAccountFacts, pruneAccountFacts } from './account-facts';
import { conflictingDuplicatesOf, expectedOf, movementsOf, positionOf, statementPagesOf, unknownInstrumentsOf } from './account-snapshot';
import { pruneAssetFacts } from './asset-facts';
import { chainsOf, confirmationsOf, multipliersOf, mintsAndBurnsOf, requestsOf, tradesOf } from './asset-snapshot';
import { AccountFacts, AssetFacts, FactsDocument } from './documents';
import { accountFactsKey, assetFactsKey, POLICY_FACTS_KEY } from './fact-keys';
import { cutoffsAt, laterInstant } from './retention';
import { StatementCalendar } from './statement-calendar';

export interface SnapshotContext {
  /** Every registered asset by ISIN: a statement line for an ISIN not in it is an unknown instrument. */
  readonly assetIdsByIsin: ReadonlyMap<string, string>;
  /** The run's as-of: which statement the calendar expects. */
  readonly now: string;
  readonly statementCalendar: StatementCalendar;
}

function assetDocOf(assetId: string, docs: ReadonlyMap<string, FactsDocument>): AssetFacts & { registration: NonNullable<AssetFacts['registration']> } {
  const doc = docs.get(assetFactsKey(assetId));
  if (doc?.kind !== 'asset' || !doc.registration) throw new DomainError('ASSET_NOT_REGISTERED', `asset ${assetId} has no AssetRegistered yet: nothing to reconcile`);
  return { ...doc, registration: doc.registration };
}

/** The linked accounts' documents of an asset document, in account order (a missing one: nothing received yet). */
function accountDocsOf(asset: AssetFacts, docs: ReadonlyMap<string, FactsDocument>): AccountFacts[] {
  return orderBy(Object.values(asset.linkedAccounts), (a) => [a.custodian, a.account]).map((ref): AccountFacts => {
    const doc = docs.get(accountFactsKey(ref));
    return doc?.kind === 'account' ? doc : emptyAccountFacts(ref.custodian, ref.account);
  });
}

/**
 * The latest recordedAt of the asset's document, its linked accounts' and the policy's (when `docs`
 * holds it): the instant its facts describe. A pass on events judges the asset at it, so its findings
 * and figures depend on the events folded, not on which batch they happened to arrive in; and a pass
 * after a policy's approval judges at or after it, when that policy is in force.
 */
export function factsTimeOf(assetId: string, docs: ReadonlyMap<string, FactsDocument>): string {
  const asset = assetDocOf(assetId, docs);
  const policy = docs.get(POLICY_FACTS_KEY);
  const own = accountDocsOf(asset, docs).reduce((latest, a) => laterInstant(latest, a.latestRecordedAt), asset.latestRecordedAt);
  return policy ? laterInstant(own, policy.latestRecordedAt) : own;
}

/**
 * The asset's snapshot from its document and its linked accounts' (a missing account document is
 * an account with nothing received yet). Retention is applied once more with the latest recordedAt
 * of all of them, so what a document happens to still hold (its own clock may lag) never shows:
 * the snapshot depends on the events folded, not on the order they arrived in.
 */
export function snapshotOf(assetId: string, docs: ReadonlyMap<string, FactsDocument>, context: SnapshotContext): AssetSnapshot {
  const stored = assetDocOf(assetId, docs);
  const storedAccounts = accountDocsOf(stored, docs);
  const cutoffs = cutoffsAt(storedAccounts.reduce((latest, a) => laterInstant(latest, a.latestRecordedAt), stored.latestRecordedAt));
  const asset = pruneAssetFacts(stored, cutoffs);
  const accounts = storedAccounts.map((a) => pruneAccountFacts(a, cutoffs));
  const isin = stored.registration.isin;
  const chains = chainsOf(asset);
  const chainIds = new Set(chains.map((c) => c.chainId));
  return {
    assetId,
    multipliers: multipliersOf(asset),
    chains,
    positions: accounts.flatMap((a) => positionOf(a, isin) ?? []),
    trades: tradesOf(asset),
    confirmations: confirmationsOf(asset),
    movements: accounts.flatMap((a) => movementsOf(a, isin)),
    requests: requestsOf(asset, chainIds),
    mintsAndBurns: mintsAndBurnsOf(asset, chainIds),
    statements: {
      expected: accounts.flatMap((a) => expectedOf(a, context.statementCalendar, context.now) ?? []),
      pages: accounts.flatMap(statementPagesOf),
      unknownInstruments: accounts.flatMap((a) => unknownInstrumentsOf(a, context.assetIdsByIsin)),
      conflictingDuplicates: accounts.flatMap((a) => conflictingDuplicatesOf(a, isin)),
    },
  };
}
