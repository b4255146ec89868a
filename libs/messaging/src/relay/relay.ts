import type { AllSubscription, EventStore, RecordedEvent } from '@recon/event-store';
import { CheckpointConflictError, RelayCheckpointStore } from './checkpoint-store';
import { toKafkaMessage } from './kafka-message';
import type { RelayPublisher } from './kafka-relay-publisher';

export interface RelayOptions {
  /** Identifies the checkpoint row; one running relay per name. */
  readonly name: string;
  readonly store: EventStore;
  readonly checkpoints: RelayCheckpointStore;
  readonly publisher: RelayPublisher;
  /** Most events in one send; default 500. */
  readonly maxBatchSize?: number;
  /** How long a batch waits for more events after its first one; default 5 ms. */
  readonly lingerMs?: number;
  /** Wait before retrying a failed batch (or a failed start), doubling up to `maxBackoffMs`; default 250 ms. */
  readonly initialBackoffMs?: number;
  /** Default 10 s. */
  readonly maxBackoffMs?: number;
  /** On stop, how long an in-flight send may still take to be acknowledged; default 5 s. */
  readonly stopGraceMs?: number;
  readonly log?: (line: Record<string, unknown>) => void;
  /** Called after each checkpoint write, with the new position and the batch size. */
  readonly onCheckpoint?: (position: bigint, events: number) => void;
}

export interface RelayStats {
  /** Events acknowledged by the broker (re-sends of a failed batch count again). */
  published: number;
  batches: number;
  /** Sends that failed after the client's own retries; each is retried with backoff. */
  failedSends: number;
  /** Subscription or checkpoint failures that were retried. */
  otherFailures: number;
}

type State = 'new' | 'running' | 'stopping' | 'stopped';

const STOP = Symbol('stop');
const LINGER_OVER = Symbol('linger-over');

/** A store read failed: resubscribe from the checkpoint. Anything else thrown by the loop is fatal. */
class SubscriptionFailed extends Error {}

/**
 * Publishes the event store's `$all` to Kafka, at least once and in order.
 *
 * - It subscribes to `$all` after its stored checkpoint and sends events in batches (up to
 *   `maxBatchSize`, or what arrives within `lingerMs` of the batch's first event) with one
 *   `send` each. The checkpoint (the batch's last global position) is written only after the
 *   broker acknowledged the whole batch, by compare-and-set, while the next batch is being sent;
 *   checkpoint writes stay in order, each after the one before.
 * - Read-ahead with backpressure: the next batch is read from the store while the previous one is
 *   in flight, and sent once that one is acknowledged; nothing more is read until then, so memory
 *   holds at most two batches (plus one prefetched event).
 * - A send that fails after the client's own retries is retried, the same batch in the same order,
 *   with backoff, until it is acknowledged; the checkpoint never moves past it and no later event
 *   is sent before it. The producer is dropped and created again between attempts.
 * - At least once: a crash between an acknowledgement and its checkpoint write re-publishes what
 *   was acknowledged since the last write (at most two batches) on restart, and a failed send may
 *   have reached the broker for some partitions.
 *   Consumers must therefore dedupe by event id (header `event-id`); with duplicates removed (first
 *   occurrence kept) each key's events are in store order, because a re-sent batch is always the
 *   oldest unacknowledged one.
 * - `stop()` waits up to `stopGraceMs` for an in-flight send; if it is acknowledged the checkpoint
 *   is written, otherwise the batch is abandoned (and re-sent by the next run). Then it closes the
 *   subscription and the producer. The store is the caller's to close.
 */
export class Relay {
  readonly stats: RelayStats = { published: 0, batches: 0, failedSends: 0, otherFailures: 0 };
  private state: State = 'new';
  private position = 0n;
  private subscription?: AllSubscription;
  private loopDone?: Promise<void>;
  private readonly stopListeners = new Set<() => void>();
  private readonly log: (line: Record<string, unknown>) => void;
  private readonly maxBatchSize: number;
  private readonly lingerMs: number;

  constructor(private readonly options: RelayOptions) {
    this.maxBatchSize = options.maxBatchSize ?? 500;
    this.lingerMs = options.lingerMs ?? 5;
    if (!Number.isInteger(this.maxBatchSize) || this.maxBatchSize < 1) throw new Error('maxBatchSize must be a positive integer');
    if (!(this.lingerMs >= 0)) throw new Error('lingerMs must be >= 0');
    this.log = options.log ?? (() => undefined);
  }

  /** Global position of the last event the broker acknowledged and the checkpoint holds. */
  get checkpoint(): bigint {
    return this.position;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /**
   * Prepares the checkpoint table and the topic (retrying with backoff while the database or the
   * broker is unreachable) and starts relaying in the background. Resolves once relaying has begun,
   * or when `stop()` was called first. Errors that retrying cannot fix reject `done`.
   */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`Relay ${this.options.name} was already started`);
    this.state = 'running';
    const prepared = await this.retrying('start', async () => {
      await this.options.checkpoints.ensure();
      this.position = await this.options.checkpoints.load(this.options.name);
      await this.options.publisher.ensureTopic();
    });
    if (!prepared) {
      this.loopDone = Promise.resolve();
      return;
    }
    this.log({ msg: 'relay started', relay: this.options.name, checkpoint: this.position.toString() });
    this.loopDone = this.run();
    this.loopDone.catch(() => undefined); // reported through `done`
  }

  /** Settles when relaying has ended: after `stop()`, or rejected on a fatal error (checkpoint conflict). */
  get done(): Promise<void> {
    return this.loopDone ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    if (this.state === 'new') this.state = 'stopped';
    if (this.state === 'stopped' && !this.loopDone) return;
    if (this.state === 'running') this.state = 'stopping';
    for (const listener of [...this.stopListeners]) listener();
    this.stopListeners.clear();
    await this.subscription?.close().catch(() => undefined);
    await this.loopDone?.catch(() => undefined);
    await this.options.publisher.close().catch(() => undefined);
    this.state = 'stopped';
    this.log({ msg: 'relay stopped', relay: this.options.name, checkpoint: this.position.toString() });
  }

  private get stopping(): boolean {
    return this.state !== 'running';
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopping) {
        try {
          await this.relayFrom(this.position);
        } catch (error) {
          if (!(error instanceof SubscriptionFailed)) throw error;
          this.stats.otherFailures += 1;
          this.log({ msg: 'subscription failed; resubscribing from the checkpoint', error: error.message, checkpoint: this.position.toString() });
          if (!(await this.sleep(this.backoff(1)))) return;
        }
      }
    } catch (error) {
      this.log({ msg: 'relay failed', error: String(error) });
      throw error;
    } finally {
      await this.subscription?.close().catch(() => undefined);
    }
  }

  /** One subscription's life: batches until stop, or until the subscription fails or ends. */
  private async relayFrom(after: bigint): Promise<void> {
    const subscription = this.options.store.subscribeToAll({ after });
    this.subscription = subscription;
    const iterator = subscription[Symbol.asyncIterator]();
    const pull = (): Promise<IteratorResult<RecordedEvent>> =>
      iterator.next().catch((error: unknown) => {
        throw new SubscriptionFailed(error instanceof Error ? error.message : String(error));
      });
    let prefetched: Promise<IteratorResult<RecordedEvent>> | undefined;
    // The previous batch's send, running while the next batch is read from the store, and the chain of
    // checkpoint writes, each after its batch's acknowledgement and the previous write.
    let sending: Promise<boolean> | undefined;
    let checkpointed: Promise<boolean> = Promise.resolve(true);
    let conflicted = false;
    try {
      while (!this.stopping) {
        const first = prefetched ?? pull();
        prefetched = undefined;
        const head = await this.untilStop(first);
        if (head === STOP || head.done) break;

        const batch: RecordedEvent[] = [head.value];
        let ended = false;
        if (batch.length < this.maxBatchSize) {
          // One promise per batch that settles when the linger time is over or stop is requested.
          const cut = this.cutAfter(this.lingerMs);
          try {
            while (batch.length < this.maxBatchSize) {
              const next = pull();
              next.catch(() => undefined);
              const result = await Promise.race([next, cut.promise]);
              if (result === LINGER_OVER || result === STOP) {
                prefetched = next; // at most one event read ahead of the batch
                break;
              }
              if (result.done) {
                ended = true;
                break;
              }
              batch.push(result.value);
            }
          } finally {
            cut.dispose();
          }
        }
        // One batch in flight at a time, in order: this one is sent once the previous one is acknowledged.
        if (sending && !(await sending)) return;
        if (conflicted) break; // the failed checkpoint write is rethrown below
        const published = this.publish(batch);
        const position = batch[batch.length - 1]!.globalPosition;
        const previous = checkpointed;
        sending = published;
        checkpointed = published.then(async (acked) => acked && (await previous) && this.saveCheckpoint(position, batch.length));
        // A conflict is fatal: nothing more is sent, and the subscription ends so that a loop waiting
        // for new events sees it now.
        checkpointed.catch(() => {
          conflicted = true;
          return subscription.close().catch(() => undefined);
        });
        if (ended) break;
      }
      if (sending) await sending;
      await checkpointed;
    } finally {
      // Never leave a send or a checkpoint write running behind a new subscription: it starts from the checkpoint.
      await sending?.catch(() => undefined);
      await checkpointed.catch(() => undefined);
      await subscription.close().catch(() => undefined);
      if (this.subscription === subscription) this.subscription = undefined;
    }
  }

  /** True once acknowledged; false when stopping made us abandon the batch. */
  private async publish(batch: readonly RecordedEvent[]): Promise<boolean> {
    const messages = batch.map(toKafkaMessage);
    for (let attempt = 1; ; attempt++) {
      if (this.stopping) return false;
      const sending = this.options.publisher.publish(messages);
      sending.catch(() => undefined);
      try {
        let outcome: 'acked' | 'abandoned' | typeof STOP = await this.untilStop(sending.then(() => 'acked' as const));
        if (outcome === STOP) outcome = await this.graceOver(sending);
        if (outcome !== 'acked') {
          this.log({ msg: 'stopping: abandoned an unacknowledged batch', events: batch.length, from: batch[0]!.globalPosition.toString() });
          return false;
        }
        this.stats.published += batch.length;
        this.stats.batches += 1;
        if (attempt > 1) this.log({ msg: 'batch published after retrying', attempts: attempt, events: batch.length });
        return true;
      } catch (error) {
        this.stats.failedSends += 1;
        const wait = this.backoff(attempt);
        this.log({
          msg: 'send failed; retrying the same batch',
          attempt,
          events: batch.length,
          from: batch[0]!.globalPosition.toString(),
          retryInMs: wait,
          error: String(error),
        });
        await this.options.publisher.reset().catch(() => undefined);
        if (!(await this.sleep(wait))) return false;
      }
    }
  }

  /** After stop: resolves 'acked' if the in-flight send is acknowledged within the grace period. */
  private async graceOver(sending: Promise<void>): Promise<'acked' | 'abandoned'> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'abandoned'>((resolve) => (timer = setTimeout(() => resolve('abandoned'), this.options.stopGraceMs ?? 5_000)));
    try {
      return await Promise.race([sending.then(() => 'acked' as const, () => 'abandoned' as const), grace]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** True once written; false when stop was requested while retrying (the batch is sent again next run). */
  private async saveCheckpoint(position: bigint, events: number): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.checkpoints.save(this.options.name, this.position, position);
        this.position = position;
        this.options.onCheckpoint?.(position, events);
        return true;
      } catch (error) {
        if (error instanceof CheckpointConflictError) throw error;
        this.stats.otherFailures += 1;
        const wait = this.backoff(attempt);
        this.log({ msg: 'checkpoint write failed; retrying', attempt, position: position.toString(), retryInMs: wait, error: String(error) });
        if (!(await this.sleep(wait))) return false;
      }
    }
  }

  /** Runs `work` until it succeeds (true) or stop is requested (false), with backoff between tries. */
  private async retrying(what: string, work: () => Promise<void>): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopping) return false;
      try {
        await work();
        return true;
      } catch (error) {
        if (error instanceof CheckpointConflictError) throw error;
        this.stats.otherFailures += 1;
        const wait = this.backoff(attempt);
        this.log({ msg: `${what} failed; retrying`, attempt, retryInMs: wait, error: String(error) });
        if (!(await this.sleep(wait))) return false;
      }
    }
  }

  private backoff(attempt: number): number {
    const initial = this.options.initialBackoffMs ?? 250;
    const max = this.options.maxBackoffMs ?? 10_000;
    return Math.min(max, initial * 2 ** Math.min(attempt - 1, 20));
  }

  /** False when stop was requested during the wait. */
  private async sleep(ms: number): Promise<boolean> {
    const cut = this.cutAfter(ms);
    try {
      return (await cut.promise) === LINGER_OVER;
    } finally {
      cut.dispose();
    }
  }

  /**
   * Races `promise` against stop. Listeners are removed when `promise` settles: racing against one
   * long-lived "stopped" promise instead would keep one reaction per call alive for the process's life.
   */
  private untilStop<T>(promise: Promise<T>): Promise<T | typeof STOP> {
    if (this.stopping) {
      promise.catch(() => undefined);
      return Promise.resolve(STOP);
    }
    return new Promise<T | typeof STOP>((resolve, reject) => {
      const onStop = (): void => resolve(STOP);
      this.stopListeners.add(onStop);
      promise.then(
        (value) => {
          this.stopListeners.delete(onStop);
          resolve(value);
        },
        (error: unknown) => {
          this.stopListeners.delete(onStop);
          reject(error);
        },
      );
    });
  }

  /** A promise that resolves LINGER_OVER after `ms`, or STOP on stop; dispose it when done with it. */
  private cutAfter(ms: number): { promise: Promise<typeof LINGER_OVER | typeof STOP>; dispose: () => void } {
    let timer: NodeJS.Timeout | undefined;
    let onStop: (() => void) | undefined;
    const promise = new Promise<typeof LINGER_OVER | typeof STOP>((resolve) => {
      if (this.stopping) return resolve(STOP);
      onStop = () => resolve(STOP);
      this.stopListeners.add(onStop);
      timer = setTimeout(() => resolve(LINGER_OVER), ms);
    });
    return {
      promise,
      dispose: () => {
        clearTimeout(timer);
        if (onStop) this.stopListeners.delete(onStop);
      },
    };
  }
}
