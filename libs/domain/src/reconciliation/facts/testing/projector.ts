import { AnyDomainEvent } from '../../../catalogue/domain-event';
import { POLICY } from '../../testing/scenarios';
import { FactEvent, FactsDocument } from '../documents';
import { evolveFacts } from '../evolve-facts';
import { factKeysForSnapshot, factKeysOf } from '../fact-keys';
import { snapshotOf } from '../snapshot-of';
import { dailyStatementCalendar } from '../statement-calendar';

/** What the application's projector does, in memory: every fact into every document it updates. */
export function project(facts: readonly FactEvent[], docs = new Map<string, FactsDocument>()): Map<string, FactsDocument> {
  for (const fact of facts) {
    for (const key of factKeysOf(fact.event)) docs.set(key, evolveFacts(key, docs.get(key), fact));
  }
  return docs;
}

export const assetIdsByIsinOf = (docs: ReadonlyMap<string, FactsDocument>): Map<string, string> =>
  new Map([...docs.values()].flatMap((doc) => (doc.kind === 'asset' && doc.registration ? [[doc.registration.isin, doc.assetId] as const] : [])));

/** The snapshot as the reconciler would build it: only the documents factKeysForSnapshot names. */
export function snapshotFrom(docs: ReadonlyMap<string, FactsDocument>, assetId = 'aapl', now = POLICY.now) {
  const assetDoc = docs.get(`asset:${assetId}`);
  if (!assetDoc) throw new Error(`no document for ${assetId}`);
  const loaded = new Map(factKeysForSnapshot(assetDoc).flatMap((key) => {
    const doc = docs.get(key);
    return doc ? [[key, doc] as const] : [];
  }));
  return snapshotOf(assetId, loaded, { assetIdsByIsin: assetIdsByIsinOf(docs), now, statementCalendar: dailyStatementCalendar(7) });
}

/** Facts recorded in the order given, one minute apart: recordedAt belongs to the event, not to its delivery. */
export function factsOf(events: readonly { readonly eventId: string; readonly event: AnyDomainEvent; readonly recordedAt?: string }[], startAt = '2025-03-14T06:00:00Z'): FactEvent[] {
  const startMs = Date.parse(startAt);
  return events.map(({ eventId, event, recordedAt }, index) => ({ eventId, recordedAt: recordedAt ?? new Date(startMs + index * 60_000).toISOString(), event }));
}
