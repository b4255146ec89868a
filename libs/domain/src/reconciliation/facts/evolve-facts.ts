import { DomainError } from '../../shared/decider';
import { emptyAccountFacts, evolveAccountFacts, pruneAccountFacts } from './account-facts';
import { emptyAssetFacts, evolveAssetFacts, pruneAssetFacts } from './asset-facts';
import { FactEvent, FactsDocument } from './documents';
import { factKeysOf, parseFactsKey } from './fact-keys';
import { cutoffsAt, laterInstant, RECENT_EVENT_IDS, rememberId } from './retention';

function emptyDocument(key: string): FactsDocument {
  const parsed = parseFactsKey(key);
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
  if (!factKeysOf(fact.event).includes(key)) throw new DomainError('FACT_KEY_MISMATCH', `${fact.event.type} ${fact.eventId} does not update ${key}`);
  const before = doc ?? emptyDocument(key);
  if (before.recentEventIds.includes(fact.eventId)) return before;
  const tracking = { latestRecordedAt: laterInstant(before.latestRecordedAt, fact.recordedAt), recentEventIds: rememberId(before.recentEventIds, fact.eventId, RECENT_EVENT_IDS) };
  const cutoffs = cutoffsAt(tracking.latestRecordedAt);
  return before.kind === 'asset'
    ? pruneAssetFacts({ ...evolveAssetFacts(before, fact), ...tracking }, cutoffs)
    : pruneAccountFacts({ ...evolveAccountFacts(before, fact), ...tracking }, cutoffs);
}
