import { DomainError } from '../../shared/decider';
import { emptyAccountFacts, evolveAccountFacts, pruneAccountFacts } from './account-facts';
import { emptyAssetFacts, foldAssetFacts } from './asset-facts';
import { AccountFacts, FactEvent, FactsDocument } from './documents';
import { factKeysOf, parseFactsKey } from './fact-keys';
import { emptyPolicyFacts, evolvePolicyFacts } from './policy-facts';
import { cutoffsAt, laterInstant, RECENT_EVENT_IDS, rememberId } from './retention';

/**
 * The fold of the facts: the one place where events become what an asset's reconciliation reads
 * (holdings, supply, pending trades and requests), and so the figures of the read models too. Page
 * lines keep the custodian's breakdown of each holding (available, not available, sub-balances),
 * summed per ISIN with it by holdingsOfAccount: the positions query shows what the fold computed.
 *
 * Invariants of the documents it keeps (each checked by a property test):
 * - Order. Events of one stream arrive in order, streams interleave arbitrarily; what comes from
 *   different streams is keyed by its own id or merged commutatively (sums, maxima, sets), so the
 *   facts do not depend on the interleaving (interleaving.unit.spec.ts).
 * - Batches. Folding a batch at once equals folding its events one by one (batch-fold.unit.spec.ts);
 *   a schema rebuilt from the store equals the live one (read-models rebuild tests).
 * - Redelivery. An event among a document's recent ids (RECENT_EVENT_IDS), or whose fact it still
 *   holds, changes nothing.
 * - Retention. Every document is bounded: facts are dropped counted back from the latest recordedAt
 *   the document has seen, never from a clock (retention.ts), so the same events leave the same facts.
 * - Compaction. Observed chain transfers past retention are added into their chain's compacted
 *   supply; a repeat of a compacted log adds nothing (asset-facts.ts).
 * - Reorgs. A log whose block was orphaned leaves the supply, kept or compacted, and stays reverted
 *   whatever names it later (asset-facts.ts, ChainReorgDetected).
 */
function emptyDocument(key: string): FactsDocument {
  const parsed = parseFactsKey(key);
  if (parsed.kind === 'policy') return emptyPolicyFacts();
  return parsed.kind === 'asset' ? emptyAssetFacts(parsed.assetId) : emptyAccountFacts(parsed.custodian, parsed.account);
}

/**
 * Pure fold of one event into the document under `key` (undefined: not created yet).
 *
 * Order: events of one stream arrive in order, streams interleave arbitrarily. Everything folded
 * from different streams is keyed by its own id or merged commutatively (sums, maxima, sets), so
 * the facts a snapshot reads do not depend on the interleaving.
 *
 * Redelivery: an event among the document's recent ids, or whose fact is still in it, changes
 * nothing. A fact dropped by retention (see retention.ts) is forgotten, so an event older than
 * RECENT_EVENT_IDS deliveries that arrives again after that would be folded again.
 */
export function evolveFacts(key: string, doc: FactsDocument | undefined, fact: FactEvent): FactsDocument {
  return foldFacts(key, doc, [fact]);
}

/**
 * `evolveFacts` of each fact in turn, in order, with the same result. The projector folds a batch's
 * events per document with it: an asset document is then copied once per batch, not once per event.
 */
export function foldFacts(key: string, doc: FactsDocument | undefined, facts: readonly FactEvent[]): FactsDocument {
  for (const fact of facts) {
    if (!factKeysOf(fact.event).includes(key)) throw new DomainError('FACT_KEY_MISMATCH', `${fact.event.type} ${fact.eventId} does not update ${key}`);
  }
  const before = doc ?? emptyDocument(key);
  if (before.kind === 'policy') return facts.reduce(evolvePolicyFacts, before);
  return before.kind === 'asset' ? foldAssetFacts(before, facts) : facts.reduce(evolveAccount, before);
}

function evolveAccount(before: AccountFacts, fact: FactEvent): AccountFacts {
  if (before.recentEventIds.includes(fact.eventId)) return before;
  const tracking = { latestRecordedAt: laterInstant(before.latestRecordedAt, fact.recordedAt), recentEventIds: rememberId(before.recentEventIds, fact.eventId, RECENT_EVENT_IDS) };
  return pruneAccountFacts({ ...evolveAccountFacts(before, fact), ...tracking }, cutoffsAt(tracking.latestRecordedAt));
}
