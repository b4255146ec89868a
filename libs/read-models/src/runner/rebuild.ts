import type { EventStore, RecordedEvent } from '@recon/event-store';
import type { DataSource } from 'typeorm';
import { ReadModelProjection } from '../projection/read-model-projection';
import { PROJECTION_TABLES } from '../projection/tables';
import { ReconciliationProjection } from '../reconciliation/reconciliation-projection';
import { DEFAULT_RECONCILER_SETTINGS, ReconcilerSettings } from '../reconciliation/reconciliation-policy';
import { applyWithCheckpoint } from './embedded-runner';

export interface RebuildOptions {
  readonly dataSource: DataSource;
  readonly schema: string;
  /** Rebuilt from its `$all`, never from Kafka. */
  readonly store: Pick<EventStore, 'readAll'>;
  /** Events per read and per transaction; default 1000. */
  readonly pageSize?: number;
  /** Replay only the events this keeps (an as-of question); default all. */
  readonly include?: (event: RecordedEvent) => boolean;
  /** Stop after this global position (a replay pinned to the store as it was); default: the end. */
  readonly upTo?: bigint;
  /** The reconciliation policy the live projectors run with; the default's when not given. */
  readonly reconcilerSettings?: ReconcilerSettings;
  /** Called after each page with the last position read and the events applied so far (progress). */
  readonly onPage?: (position: bigint, applied: number) => void;
}

export interface RebuildResult {
  readonly events: number;
  /** Global position of the last event applied (the new checkpoint). */
  readonly position: bigint;
}

/**
 * Empties the projection tables (the reconciler's fact documents and open exceptions included, and
 * the embedded checkpoint) and replays the store's `$all` through the same projection and
 * reconciler, one transaction per page: a projector pointed at the rebuilt schema carries on
 * reconciling from the same facts. consumer_offsets are kept: a Kafka projector that resumes from
 * them re-reads events the rebuild already applied, and processed_events makes those no-ops.
 *
 * The exception outbox is kept, and the commands the replay's passes write to it are recorded as
 * handled (`replayed`): the store already holds their effect, the exception events, and sending a
 * historical raise again would drag an exception back to old figures. Commands still pending from
 * before the rebuild are still sent.
 *
 * Readers see the tables fill up during a rebuild; for no gap, rebuild into a new schema and point
 * readers at it. Stop the projectors of the schema first.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildResult> {
  const reconciler = new ReconciliationProjection(options.schema, options.reconcilerSettings ?? DEFAULT_RECONCILER_SETTINGS, 'replayed');
  const projection = new ReadModelProjection(options.schema, undefined, reconciler);
  const s = `"${projection.schema}"`;
  await options.dataSource.transaction(async (manager) => {
    await projection.lock(manager);
    await manager.query(`TRUNCATE ${PROJECTION_TABLES.map(({ table }) => table).map((table) => `${s}.${table}`).join(', ')}`);
    await manager.query(`DELETE FROM ${s}.projection_checkpoints WHERE projection = $1`, [projection.projection]);
  });
  const pageSize = options.pageSize ?? 1000;
  let after = 0n;
  let events = 0;
  for (;;) {
    const read = await options.store.readAll({ after, maxCount: pageSize });
    const page = options.upTo === undefined ? read : read.filter((e) => e.globalPosition <= options.upTo!);
    if (page.length === 0) break;
    const kept = options.include ? page.filter(options.include) : page;
    await applyWithCheckpoint(options.dataSource, projection, kept);
    events += kept.length;
    after = page[page.length - 1]!.globalPosition;
    options.onPage?.(after, events);
    if (page.length < read.length || read.length < pageSize) break;
  }
  return { events, position: after };
}
