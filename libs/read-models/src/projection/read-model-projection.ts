import { upcast } from '@recon/domain';
import type { RecordedEvent } from '@recon/event-store';
import type { EntityManager } from 'typeorm';
import { writeExceptionEvents } from '../exceptions/exceptions-projection';
import type { ReconciliationProjection } from '../reconciliation/reconciliation-projection';
import { assertReadModelSchema } from '../schema/schema-name';
import { writeAssets } from './asset-batch';
import { BatchWrite } from './batch-write';
import { refreshCollateralization } from './collateralization-refresh';
import { writeStatements } from './custody-batch';
import { EventGroups } from './event-groups';
import { writeSettlements } from './settlement-batch';
import { writeSupply } from './supply-batch';

export const READ_MODEL_PROJECTION = 'read-models';

/** Key of the transaction-level advisory lock every projection batch of one schema takes. */
export function projectionLockKey(schema: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const char of `recon-read-models:${schema}`) {
    hash ^= BigInt(char.codePointAt(0) ?? 0);
    hash = BigInt.asUintN(64, hash * 0x100000001b3n);
  }
  return BigInt.asIntN(64, hash);
}

export interface ApplyResult {
  /** Events that changed the read models (first sight of their id). */
  readonly applied: number;
  /** Events whose id was already processed (redelivery, replay overlap): no effect. */
  readonly duplicates: number;
}

/**
 * The read-model projection. `applyEvents` runs INSIDE the caller's transaction (the Kafka batch
 * transaction that also writes offsets, or the embedded runner's that also writes the checkpoint),
 * so the rows and the position move together or not at all.
 *
 * Order: events of one asset (and of one custody stream) arrive in order; events of different
 * partitions may interleave in any order. Every handler is written so that the end state does not
 * depend on that interleaving: ISIN → asset mapping is filled from both sides, and collateralization
 * is recomputed from the other tables at the end of each batch rather than folded incrementally.
 *
 * Batches: a batch is written with a handful of set-based statements, not one per event, and ends in
 * the same rows as applying its events one by one (batched.int.spec.ts checks this on random splits).
 * Where the effect commutes (mint and burn sums) it is summed; where order matters (a trade's
 * amendments and settlements, an account's statements) the rows are read, the events folded over
 * them in order in memory, and each changed row written once. A batch is cut where the day its events
 * were recorded changes (usually never), each part written and collateralization refreshed on its
 * own, so that collateralization_history keeps each day's last figures however the batches fall.
 *
 * Concurrency: each batch first takes a transaction-level advisory lock per schema, so batches of two
 * projector instances never interleave inside the database (recomputing collateralization from rows
 * another open transaction is changing would be write skew). Throughput is bounded by one writer,
 * which the single database is anyway.
 */
export class ReadModelProjection {
  readonly schema: string;
  private readonly t: (table: string) => string;

  /**
   * @param reconciler the continuous reconciler, run in the same transaction after the rows are
   *   written (the services pass one; rebuilds and benchmarks of the tables alone do not)
   */
  constructor(schema: string, readonly projection = READ_MODEL_PROJECTION, private readonly reconciler?: ReconciliationProjection) {
    this.schema = assertReadModelSchema(schema);
    this.t = (table) => `"${this.schema}".${table}`;
  }

  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${projectionLockKey(this.schema)})`);
  }

  /**
   * Dedupes by event id, applies the new events as if one by one in the given order, then refreshes
   * collateralization. Set-based: the events are grouped by the rows they change and each group is
   * written with a few statements (see the *-batch.ts files for how each keeps the one-by-one effect).
   */
  async applyEvents(manager: EntityManager, events: readonly RecordedEvent[]): Promise<ApplyResult> {
    return (await this.applyEventLists(manager, [events]))[0]!;
  }

  /**
   * `applyEvents` of the lists one after the other, as one batch (several Kafka partitions' batches
   * in one transaction), with the counts of each list.
   */
  async applyEventLists(manager: EntityManager, lists: ReadonlyArray<readonly RecordedEvent[]>): Promise<ApplyResult[]> {
    const ids = lists.flatMap((events) => events.map((e) => e.eventId));
    if (ids.length === 0) return lists.map(() => ({ applied: 0, duplicates: 0 }));
    // Returns the ids processed before (usually none), not the thousand new ones.
    const seenBefore: Array<{ event_id: string }> = await manager.query(
      `WITH inserted AS (
         INSERT INTO ${this.t('processed_events')} (projection, event_id) SELECT $1, id FROM unnest($2::text[]) AS u(id)
         ON CONFLICT DO NOTHING RETURNING event_id)
       SELECT DISTINCT u.id AS event_id FROM unnest($2::text[]) AS u(id) WHERE NOT EXISTS (SELECT 1 FROM inserted i WHERE i.event_id = u.id)`,
      [this.projection, ids],
    );
    const taken = new Set(seenBefore.map((row) => row.event_id));
    const appliedEvents: RecordedEvent[] = [];
    const results = lists.map((events) => {
      let applied = 0;
      for (const event of events) {
        if (taken.has(event.eventId)) continue; // seen before, or a second copy within this batch
        taken.add(event.eventId);
        applied += 1;
        appliedEvents.push(event);
      }
      return { applied, duplicates: events.length - applied };
    });
    // The reconciler's fold touches only its own documents: it runs alongside the read-model writes
    // on this transaction's connection, and its pass follows them (it reads the assets they wrote).
    // Both settle before either failure is thrown: nothing of this transaction may still be running when it rolls back.
    const [folding, written] = await Promise.allSettled([
      this.reconciler && appliedEvents.length > 0 ? this.reconciler.fold(manager, appliedEvents) : undefined,
      this.writeReadModels(manager, appliedEvents),
    ]);
    if (written.status === 'rejected') throw written.reason;
    if (folding.status === 'rejected') throw folding.reason;
    if (folding.value) await this.reconciler!.reconcileFolded(manager, folding.value);
    return results;
  }

  private async writeReadModels(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    const exceptions: EventGroups['exceptions'] = [];
    // One sub-batch per run of events recorded on the same day, so that each day's history row holds
    // the figures after that day's last event, however the events were split into batches.
    for (const run of runsByRecordedDay(events)) {
      const batch = new EventGroups();
      for (const event of run.events) batch.add(upcast(event.type, event.schemaVersion, event.data), event.streamVersion);
      const write: BatchWrite = { manager, table: this.t, touched: batch.touched };
      // Assets first: lines of statements look up the asset of their ISIN.
      await writeAssets(write, batch.assets);
      await writeSupply(write, batch.supply);
      await writeSettlements(write, batch.settlements);
      await writeStatements(write, batch.statements);
      if (write.touched.size > 0) await refreshCollateralization(manager, this.t, [...write.touched].sort(), run.day);
      exceptions.push(...batch.exceptions);
    }
    await writeExceptionEvents(manager, this.schema, exceptions);
  }
}

/** The events split where the UTC day of their recording changes, in order (a day may come back later: a run of its own). */
export function runsByRecordedDay(events: readonly RecordedEvent[]): Array<{ day: string; events: RecordedEvent[] }> {
  const runs: Array<{ day: string; events: RecordedEvent[] }> = [];
  for (const event of events) {
    const day = event.recordedAt.slice(0, 10);
    const last = runs.at(-1);
    if (last?.day === day) last.events.push(event);
    else runs.push({ day, events: [event] });
  }
  return runs;
}
