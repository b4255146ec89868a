import { upcast } from '@recon/domain';
import type { RecordedEvent } from '@recon/event-store';
import type { EntityManager } from 'typeorm';
import { writeExceptionEvents } from '../exceptions/exceptions-projection';
import { ReconciliationProjection } from '../reconciliation/reconciliation-projection';
import { assertReadModelSchema } from '../schema/schema-name';
import { writeRegistrations } from './asset-batch';
import { BatchWrite } from './batch-write';
import { writeDeployments } from './deployment-rows';
import { EventGroups } from './event-groups';
import { writeFigures } from './figure-rows';
import { holdingsChanges, writeHoldings } from './holding-rows';

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
 * One fold of the facts: the events are folded into the domain's fact documents (the reconciler's
 * `reconciliation_facts`), and every figure a read model shows is derived from them in the same
 * transaction: holdings (custody_accounts, custody_positions), supply per chain (token_supply),
 * pending settlements, collateralization and its history. The same computation (the domain's
 * `assessAsset`) raises the exceptions, so the dashboard and the exceptions cannot disagree.
 * Reference data (registrations, deployments) and the exception queue are copied from their events.
 *
 * Order: events of one asset (and of one custody stream) arrive in order; events of different
 * partitions may interleave in any order. The fold is written so that its end state does not depend
 * on that interleaving (see the domain's evolve-facts.ts), and each asset is judged at the time of
 * its own facts, so the rows do not depend on how the events were split into batches either
 * (batched.int.spec.ts checks this on random splits). A batch is cut where the day its events were
 * recorded changes (usually never), each part folded and written on its own, so that
 * collateralization_history keeps each day's last figures however the batches fall.
 *
 * Concurrency: each batch first takes a transaction-level advisory lock per schema, so batches of two
 * projector instances never interleave inside the database. Throughput is bounded by one writer,
 * which the single database is anyway.
 */
export class ReadModelProjection {
  readonly schema: string;
  private readonly t: (table: string) => string;
  private readonly reconciler: ReconciliationProjection;

  /**
   * @param reconciler the facts fold and continuous reconciler (its policy and outbox mode); the
   *   default policy's when not given
   */
  constructor(schema: string, readonly projection = READ_MODEL_PROJECTION, reconciler?: ReconciliationProjection) {
    this.schema = assertReadModelSchema(schema);
    this.t = (table) => `"${this.schema}".${table}`;
    this.reconciler = reconciler ?? new ReconciliationProjection(this.schema);
  }

  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${projectionLockKey(this.schema)})`);
  }

  /** Dedupes by event id, then folds the new events and writes the rows they change, as if one by one in the given order. */
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
    const exceptions: EventGroups['exceptions'] = [];
    for (const run of runsByRecordedDay(appliedEvents)) exceptions.push(...(await this.applyRun(manager, run)));
    await writeExceptionEvents(manager, this.schema, exceptions);
    return results;
  }

  /** One day's events: folded, reconciled, and the rows of what they changed written. Returns the exception events, for the queue. */
  private async applyRun(manager: EntityManager, run: { day: string; events: readonly RecordedEvent[] }): Promise<EventGroups['exceptions']> {
    const groups = new EventGroups();
    for (const event of run.events) groups.add(upcast(event.type, event.schemaVersion, event.data), event.streamVersion);
    const write: BatchWrite = { manager, table: this.t };
    // The fold touches only its own documents: it runs alongside the reference-data writes on this
    // transaction's connection. Both settle before either failure is thrown: nothing of this
    // transaction may still be running when it rolls back.
    const [folding, written] = await Promise.allSettled([
      this.reconciler.fold(manager, run.events),
      writeRegistrations(write, groups.registrations).then(() => writeDeployments(write, groups.deployments)),
    ]);
    if (written.status === 'rejected') throw written.reason;
    if (folding.status === 'rejected') throw folding.reason;
    const folded = folding.value;
    if (!folded) return groups.exceptions;
    // The pass reads the assets table: after the registrations are written.
    const figures = await this.reconciler.reconcileFolded(manager, folded);
    await writeFigures(write, figures, run.day);
    await writeHoldings(write, holdingsChanges(folded.changed, folded.before, folded.docs));
    return groups.exceptions;
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
