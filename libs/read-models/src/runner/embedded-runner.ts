import type { AllSubscription, EventStore, RecordedEvent } from '@recon/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import { ReadModelProjection } from '../projection/read-model-projection';
import type { ReconciliationProjection } from '../reconciliation/reconciliation-projection';

export interface EmbeddedRunnerOptions {
  readonly store: EventStore;
  /** May share the store's pool (PGlite: one connection for everything). */
  readonly dataSource: DataSource;
  readonly schema: string;
  /** Most events per transaction; default 500. */
  readonly maxBatch?: number;
  readonly onError?: (error: unknown) => void;
  /** Run the continuous reconciler in each batch transaction (the embedded service does). */
  readonly reconciler?: ReconciliationProjection;
}

const IDLE = Symbol('idle');

export async function readCheckpoint(db: DataSource | EntityManager, projection: ReadModelProjection): Promise<bigint> {
  const rows: Array<{ p: string }> = await db.query(
    `SELECT global_position::text AS p FROM "${projection.schema}".projection_checkpoints WHERE projection = $1`,
    [projection.projection],
  );
  return BigInt(rows[0]?.p ?? '0');
}

/** Applies events and moves the checkpoint in one transaction. */
export async function applyWithCheckpoint(dataSource: DataSource, projection: ReadModelProjection, events: readonly RecordedEvent[]): Promise<void> {
  const last = events[events.length - 1];
  if (!last) return;
  await dataSource.transaction(async (manager) => {
    await projection.lock(manager);
    // A checkpoint that already covers these events (a second runner, a rebuild) wins.
    const done = await readCheckpoint(manager, projection);
    const todo = events.filter((e) => e.globalPosition > done);
    if (todo.length === 0) return;
    await projection.applyEvents(manager, todo);
    await manager.query(
      `INSERT INTO "${projection.schema}".projection_checkpoints (projection, global_position) VALUES ($1, $2)
       ON CONFLICT (projection) DO UPDATE SET global_position = excluded.global_position`,
      [projection.projection, last.globalPosition.toString()],
    );
  });
}

/**
 * Embedded mode: the same projection on the store's catch-up subscription, no Kafka. The checkpoint
 * (global position) is written in the transaction that writes the rows. The runner never holds a
 * transaction while it waits for the subscription: with PGlite's single connection the
 * subscription's next read needs that connection. It takes what the subscription has in memory (up to
 * maxBatch), and applies it as soon as the next event is not immediately available.
 */
export class EmbeddedProjectionRunner {
  readonly projection: ReadModelProjection;
  private subscription?: AllSubscription;
  private loop?: Promise<void>;
  private stopping = false;
  private position = 0n;
  private readonly waiters = new Set<{ target: bigint; resolve: () => void }>();
  private failure?: unknown;

  constructor(private readonly options: EmbeddedRunnerOptions) {
    this.projection = new ReadModelProjection(options.schema, undefined, options.reconciler);
  }

  /** Global position of the last event applied (the stored checkpoint). */
  get checkpoint(): bigint {
    return this.position;
  }

  async start(): Promise<void> {
    if (this.loop) throw new Error('EmbeddedProjectionRunner already started');
    this.position = await readCheckpoint(this.options.dataSource, this.projection);
    this.subscription = this.options.store.subscribeToAll({ after: this.position });
    this.loop = this.run(this.subscription).catch((error: unknown) => {
      this.failure = error;
      this.options.onError?.(error);
      for (const waiter of this.waiters) waiter.resolve();
    });
  }

  /** Resolves once the checkpoint reaches `position` (rejects if the runner failed). */
  async waitFor(position: bigint): Promise<void> {
    while (this.position < position) {
      if (this.failure) throw this.failure;
      if (!this.loop) throw new Error('EmbeddedProjectionRunner is not running');
      await new Promise<void>((resolve) => {
        const waiter = { target: position, resolve: () => (this.waiters.delete(waiter), resolve()) };
        this.waiters.add(waiter);
      });
    }
    if (this.failure) throw this.failure;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.close();
    await this.loop;
    this.loop = undefined;
  }

  private async run(subscription: AllSubscription): Promise<void> {
    const iterator = subscription[Symbol.asyncIterator]();
    const max = this.options.maxBatch ?? 500;
    let pending = iterator.next();
    let batch: RecordedEvent[] = [];
    while (!this.stopping) {
      const next = batch.length === 0 ? await pending : await Promise.race([pending, new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)))]);
      if (next !== IDLE) {
        if (next.done) break;
        batch.push(next.value);
        pending = iterator.next();
        if (batch.length < max) continue;
      }
      await this.flush(batch);
      batch = [];
    }
    if (batch.length > 0 && !this.stopping) await this.flush(batch);
  }

  private async flush(batch: readonly RecordedEvent[]): Promise<void> {
    await applyWithCheckpoint(this.options.dataSource, this.projection, batch);
    this.position = batch[batch.length - 1]!.globalPosition;
    for (const waiter of this.waiters) if (this.position >= waiter.target) waiter.resolve();
  }
}
