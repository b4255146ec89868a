import { EXCEPTION_IDS } from '@recon/platform';
import {
  assessAsset, AssetFigures, assetsAffectedBy, canonicalJson, RaiseException, dailyStatementCalendar, ExceptionCommand, exceptionPassFor,
  factKeysForSnapshot, factKeysOf, FactEvent, FactsDocument, factsTimeOf, Finding, foldFacts, POLICY_FACTS_KEY, policyInForce, snapshotOf, StatementCalendar,
  SYSTEMIC_ASSET_ID, upcast,
} from '@recon/domain';
import type { RecordedEvent } from '@recon/event-store';
import type { EntityManager } from 'typeorm';
import { assertReadModelSchema } from '../schema/schema-name';
import { FactsDocumentCache } from './facts-document-cache';
import { FindingsBook } from './findings-book';
import { DEFAULT_RECONCILER_SETTINGS, ReconcilerSettings } from './reconciliation-policy';

/** What the exception aggregate compares to tell an update from a repeat (see `raise` in the domain). */
const raisedDigest = ({ data }: RaiseException): string => canonicalJson({ severity: data.severity, figures: data.figures, affected: data.affected ?? [] });

/** A batch folded into the fact documents, waiting for its reconciliation pass. */
export interface FoldedBatch {
  readonly docs: Map<string, FactsDocument>;
  readonly changed: ReadonlySet<string>;
  /** The changed documents as they were before the batch (absent: created by it). */
  readonly before: ReadonlyMap<string, FactsDocument>;
  /** ISINs the batch registered assets for. */
  readonly registered: readonly string[];
  /** The batch's latest recordedAt: the instant the pass judges at. */
  readonly now: string;
}

/** The principal the reconciler's commands are recorded under. */
export const RECONCILER_ACTOR = 'reconciler';

/**
 * What becomes of the exception commands a pass writes to the outbox: `dispatch` (live: the
 * dispatcher sends them), or `replayed` (a rebuild: the store already holds their effect, the
 * exception events, so the rows are recorded as handled and never sent again).
 */
export type OutboxMode = 'dispatch' | 'replayed';

/**
 * The continuous reconciler, run inside the projector's batch transaction:
 * 1. folds each event into the fact documents it touches (`reconciliation_facts`, jsonb), which the
 *    domain keeps bounded and idempotent per event id, so a redelivered event changes nothing;
 * 2. reconciles every asset those documents affect, at the batch's latest recorded time (a replay
 *    judges with the time the events had, not the wall clock's);
 * 3. writes the exception commands that bring the exception streams in line into an outbox
 *    (`exception_outbox`) in the same transaction. A dispatcher sends them through the exception
 *    aggregate, whose decider makes a repeated raise a no-op, a changed one an update, and a raise of
 *    a cleared exception a reopening.
 * Time-driven breaks (an aged settlement, a late statement) need no event: `sweep` reconciles every
 * asset at a given instant and is run on a timer.
 */
export class ReconciliationProjection {
  private readonly t: (table: string) => string;
  private readonly calendar: StatementCalendar;
  private readonly cache = new FactsDocumentCache();
  private readonly findingsBook: FindingsBook;

  constructor(
    readonly schema: string,
    private readonly settings: ReconcilerSettings = DEFAULT_RECONCILER_SETTINGS,
    private readonly outbox: OutboxMode = 'dispatch',
  ) {
    const s = assertReadModelSchema(schema);
    this.t = (table) => `"${s}".${table}`;
    this.findingsBook = new FindingsBook(this.t);
    this.calendar = dailyStatementCalendar(settings.statementDueHourUtc);
  }

  async applyEvents(m: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    const folded = await this.fold(m, events);
    if (folded) await this.reconcileFolded(m, folded);
  }

  /**
   * Step 1 of `applyEvents`: folds the events into the fact documents and writes them back. It reads
   * and writes nothing but `reconciliation_facts`, so the projector runs it while the same
   * transaction writes the read models (their statements interleave on the connection, and the fold's
   * CPU time overlaps their round trips). Undefined when no event concerns the reconciler.
   */
  async fold(m: EntityManager, events: readonly RecordedEvent[]): Promise<FoldedBatch | undefined> {
    const facts = events.flatMap((recorded) => {
      const event = upcast(recorded.type, recorded.schemaVersion, recorded.data);
      const keys = factKeysOf(event);
      return keys.length ? [{ keys, fact: { eventId: recorded.eventId, recordedAt: recorded.recordedAt, event } }] : [];
    });
    if (facts.length === 0) return undefined;
    // Each document's events in batch order: a document's fold reads only that document.
    const factsByKey = new Map<string, FactEvent[]>();
    for (const { keys, fact } of facts) {
      for (const key of keys) {
        const list = factsByKey.get(key);
        if (list) list.push(fact);
        else factsByKey.set(key, [fact]);
      }
    }
    const docs = await this.loadDocs(m, [...factsByKey.keys()], true);
    const before = new Map(docs);
    for (const [key, list] of factsByKey) docs.set(key, foldFacts(key, docs.get(key), list));
    const changed = new Set(factsByKey.keys());
    await this.saveDocs(m, docs, changed);
    const registered = facts.flatMap(({ fact }) => (fact.event.type === 'AssetRegistered' ? [fact.event.data.isin] : []));
    return { docs, changed, before, registered, now: events.map((e) => e.recordedAt).reduce((a, b) => (a > b ? a : b)) };
  }

  /**
   * Step 2 of `applyEvents`: reconciles the assets the folded documents affect, each at the time of
   * its own facts (`factsTimeOf`), and returns their figures for the read models. It reads the
   * assets table, so it runs after the batch's registrations are written.
   */
  async reconcileFolded(m: EntityManager, { docs, changed, registered }: FoldedBatch): Promise<AssetFigures[]> {
    const assetIdsByIsin = await this.assetIdsByIsin(m);
    const affected = new Set([...changed].flatMap((key) => assetsAffectedBy(key, docs.get(key)!, assetIdsByIsin)));
    // A registration maps an ISIN that statements already on file may hold (a statement may arrive
    // before the asset that maps its ISIN): the assets of those accounts lose an unknown instrument.
    for (const [key, doc] of await this.accountsHolding(m, registered)) for (const assetId of assetsAffectedBy(key, doc, assetIdsByIsin)) affected.add(assetId);
    // An approved policy changes how every asset is judged: a wider tolerance clears a rounding
    // break, a narrower one raises it, at once rather than at the next sweep.
    if (changed.has(POLICY_FACTS_KEY)) for (const assetId of await this.everyAsset(m)) affected.add(assetId);
    return this.reconcile(m, [...affected].sort(), undefined, assetIdsByIsin, false, docs);
  }

  /** Reconciles every known asset at `now`: what turns late, aged or stale with time alone. */
  async sweep(m: EntityManager, now: string): Promise<number> {
    // Findings only: the read models' figures follow the events (a pass judges each asset at its
    // facts' time), so a rebuild writes the same rows whenever the clock swept.
    const assetIds = await this.everyAsset(m);
    await this.reconcile(m, assetIds, now, await this.assetIdsByIsin(m), true);
    return assetIds.length;
  }

  private async everyAsset(m: EntityManager): Promise<string[]> {
    const rows: Array<{ fact_key: string }> = await m.query(`SELECT fact_key FROM ${this.t('reconciliation_facts')} WHERE fact_key LIKE 'asset:%'`);
    return rows.map((row) => row.fact_key.slice('asset:'.length)).sort();
  }

  /**
   * Reconciles the assets at `now` (the clock sweep), or each at its own facts' time (a pass on
   * events), and returns their figures. `known`: documents this transaction has already read and
   * written (the batch's own), reused as they are; every other document the pass needs is read in two
   * queries, the asset documents and then all their accounts' documents at once, however many assets
   * the pass covers.
   */
  private async reconcile(
    m: EntityManager, assetIds: readonly string[], now: string | undefined, assetIdsByIsin: ReadonlyMap<string, string>, wholeBook: boolean,
    known: ReadonlyMap<string, FactsDocument> = new Map(),
  ): Promise<AssetFigures[]> {
    if (assetIds.length === 0) return [];
    const findings: Finding[] = [];
    const figures: AssetFigures[] = [];
    const reconciled: string[] = [];
    const docs = new Map(known);
    // The approved policy (absent: the settings' defaults) is read with the asset documents.
    await this.loadMissing(m, docs, [POLICY_FACTS_KEY, ...assetIds.map((assetId) => `asset:${assetId}`)]);
    const policy = policyInForce(docs, this.settings.policy);
    // Trades or requests may arrive before the asset's registration (another partition): until it
    // does there is no multiplier or ISIN to reconcile against.
    const ready = assetIds.filter((assetId) => {
      const assetDoc = docs.get(`asset:${assetId}`);
      return assetDoc && !(assetDoc.kind === 'asset' && !assetDoc.registration);
    });
    await this.loadMissing(m, docs, ready.flatMap((assetId) => factKeysForSnapshot(docs.get(`asset:${assetId}`)!)));
    for (const assetId of ready) {
      const at = now ?? factsTimeOf(assetId, docs);
      const assessed = assessAsset(snapshotOf(assetId, docs, { assetIdsByIsin, now: at, statementCalendar: this.calendar }), { ...policy, now: at }, EXCEPTION_IDS);
      findings.push(...assessed.findings);
      figures.push(assessed.figures);
      reconciled.push(assetId);
    }
    if (reconciled.length === 0 && !wholeBook) return figures;
    const book = await this.findingsBook.replace(m, reconciled, findings);
    const held = await this.findingsBook.heldOpen(m, reconciled, book.groups, wholeBook);
    const { commands, groupOf } = exceptionPassFor({
      findings: book.findings,
      groups: book.groups,
      open: held,
      reconciledAssetIds: wholeBook ? [...reconciled, SYSTEMIC_ASSET_ID] : reconciled,
      cap: this.settings.exceptionCap,
      metadata: { now: now ?? latestOf(figures.map((f) => f.now)), actor: RECONCILER_ACTOR },
      ids: EXCEPTION_IDS,
    });
    // A pass on events re-raises only what moved: for an open exception whose severity, figures and
    // affected list are as last raised, the aggregate would decide nothing. The clock sweep sends every
    // raise, so an exception people closed while its break persists is weighed against the approved
    // outcome by the next sweep at the latest (resolution.ts): it reopens only for the reason the outcome names.
    const lastRaised = new Map(held.map((e) => [e.exceptionId, e.raisedDigest]));
    await this.record(m, wholeBook ? commands : commands.filter((c) => c.type !== 'RaiseException' || lastRaised.get(c.data.exceptionId) !== raisedDigest(c)), groupOf);
    return figures;
  }

  /** Outbox rows, and the reconciler's own view of which of its exceptions are open and what it last raised. */
  private async record(m: EntityManager, commands: readonly ExceptionCommand[], groupOf: ReadonlyMap<string, string>): Promise<void> {
    if (commands.length === 0) return;
    const handled = this.outbox === 'replayed' ? `, now(), 'replayed'` : '';
    await m.query(
      `INSERT INTO ${this.t('exception_outbox')} (exception_id, command${handled ? ', dispatched_at, outcome' : ''})
       SELECT *${handled} FROM unnest($1::text[], $2::jsonb[])`,
      [commands.map((c) => c.data.exceptionId), commands.map((c) => JSON.stringify(c))],
    );
    const raised = commands.filter((c): c is RaiseException => c.type === 'RaiseException');
    const cleared = commands.filter((c) => c.type === 'ClearException' || c.type === 'FoldException').map((c) => c.data.exceptionId);
    if (raised.length) {
      await m.query(
        `INSERT INTO ${this.t('reconciler_open_exceptions')} (exception_id, asset_id, raised_digest, cap_group) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (exception_id) DO UPDATE SET raised_digest = excluded.raised_digest, cap_group = excluded.cap_group`,
        [raised.map((c) => c.data.exceptionId), raised.map((c) => c.data.assetId), raised.map(raisedDigest), raised.map((c) => groupOf.get(c.data.exceptionId) ?? null)],
      );
    }
    if (cleared.length) await m.query(`DELETE FROM ${this.t('reconciler_open_exceptions')} WHERE exception_id = ANY($1::text[])`, [cleared]);
  }

  /** Adds to `docs` the documents of `keys` it does not hold yet (absent ones stay absent). */
  private async loadMissing(m: EntityManager, docs: Map<string, FactsDocument>, keys: readonly string[]): Promise<void> {
    const missing = [...new Set(keys)].filter((key) => !docs.has(key));
    for (const [key, doc] of await this.loadDocs(m, missing, false)) docs.set(key, doc);
  }

  /**
   * The documents of `keys` that exist. Rows whose version this process holds in its cache come back
   * without their document (see FactsDocumentCache); `forUpdate` locks the rows the batch rewrites.
   */
  private async loadDocs(m: EntityManager, keys: readonly string[], forUpdate: boolean): Promise<Map<string, FactsDocument>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{ fact_key: string; xmin: string; doc: FactsDocument | null }> = await m.query(
      `SELECT f.fact_key, f.xmin::text AS xmin, CASE WHEN f.xmin::text IS DISTINCT FROM c.xmin THEN f.doc END AS doc
       FROM ${this.t('reconciliation_facts')} f JOIN unnest($1::text[], $2::text[]) AS c(fact_key, xmin) USING (fact_key)${forUpdate ? ' FOR UPDATE OF f' : ''}`,
      [[...keys], keys.map((key) => this.cache.versionOf(key) ?? null)],
    );
    const docs = new Map<string, FactsDocument>();
    for (const row of rows) {
      const doc = row.doc ?? this.cache.docAt(row.fact_key, row.xmin);
      if (!doc) throw new Error(`reconciliation_facts ${row.fact_key}: row version ${row.xmin} is neither sent nor cached`);
      if (row.doc) this.cache.remember(row.fact_key, row.xmin, row.doc);
      docs.set(row.fact_key, doc);
    }
    return docs;
  }

  private async saveDocs(m: EntityManager, docs: ReadonlyMap<string, FactsDocument>, keys: ReadonlySet<string>): Promise<void> {
    // One jsonb object of key → document rather than a text[] of documents: pg would escape every
    // character of every document into an array literal, which costs more than the rest of the write.
    const byKey: Record<string, FactsDocument> = {};
    for (const key of keys) byKey[key] = docs.get(key)!;
    const written: Array<{ fact_key: string; xmin: string }> = await m.query(
      `INSERT INTO ${this.t('reconciliation_facts')} (fact_key, doc) SELECT key, value FROM jsonb_each($1::jsonb)
       ON CONFLICT (fact_key) DO UPDATE SET doc = excluded.doc RETURNING fact_key, xmin::text AS xmin`,
      [JSON.stringify(byKey)],
    );
    // Valid once this transaction commits; if it rolls back the rows keep their old xmin and the entries are never matched.
    for (const row of written) this.cache.remember(row.fact_key, row.xmin, byKey[row.fact_key]!);
  }

  /** The account documents whose current statement holds any of `isins` (in its pages, or as the holdings a restored one left). */
  private async accountsHolding(m: EntityManager, isins: readonly string[]): Promise<Map<string, FactsDocument>> {
    if (isins.length === 0) return new Map();
    const rows: Array<{ fact_key: string; doc: FactsDocument }> = await m.query(
      `SELECT fact_key, doc FROM ${this.t('reconciliation_facts')} WHERE fact_key LIKE 'account:%' AND (
         EXISTS (SELECT 1 FROM jsonb_array_elements(doc->'current'->'pages') AS page, jsonb_array_elements(page->'positions') AS line
                 WHERE line->>'isin' = ANY($1::text[]))
         OR (doc->'current'->>'restored' = 'true' AND doc->'baseHoldings' ?| $1::text[]))`,
      [[...new Set(isins)]],
    );
    return new Map(rows.map((row) => [row.fact_key, row.doc]));
  }

  private async assetIdsByIsin(m: EntityManager): Promise<Map<string, string>> {
    // Two assets on one ISIN: the smallest asset id wins, as in the custody positions read model.
    const rows: Array<{ isin: string; asset_id: string }> = await m.query(`SELECT isin, min(asset_id COLLATE "C") AS asset_id FROM ${this.t('assets')} GROUP BY isin`);
    return new Map(rows.map((row) => [row.isin, row.asset_id]));
  }
}

const latestOf = (instants: readonly string[]): string => instants.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
