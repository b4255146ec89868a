import { Consumer, EachBatchPayload, Kafka, KafkaConfig, logLevel } from 'kafkajs';
import type { RecordedEvent } from '@recon/event-store';
import { fromIntegrationMessageValue, IntegrationMessageValue } from '../contract/integration-message';
import { BatchCoalescer } from './batch-coalescer';

export interface ConsumedEvent {
  readonly offset: string;
  readonly event: RecordedEvent;
}

export interface TransactionalBatch {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly ConsumedEvent[];
  /** Accept a gap at this stored offset (the consumer already sought back to it once). */
  readonly acceptGapAt?: string;
}

export type TransactionalBatchOutcome =
  | { readonly status: 'committed'; readonly nextOffset: string; readonly applied: number; readonly duplicates: number; readonly stale: number }
  | { readonly status: 'gap'; readonly storedOffset: string };

/**
 * Where batches go: one database transaction that writes the effects AND each partition's next
 * offset, and the offsets stored that way. `ReadModelKafkaSink` (@recon/read-models) is one.
 */
export interface TransactionalBatchHandler {
  storedOffsets(groupId: string, topic: string, partitions: readonly number[]): Promise<Map<number, string>>;
  /** Batches of distinct partitions in ONE transaction; one outcome per batch, in order. */
  handleBatches(batches: readonly TransactionalBatch[]): Promise<TransactionalBatchOutcome[]>;
}

/**
 * Batching and fetch settings. The handler's cost is largely per transaction (lock, offsets, the
 * per-batch recomputations, commit), so the batches of the partitions consumed at once share one
 * transaction (group commit): those of one fetch together, those that arrive while it is written
 * together in the next. Under backlog a fetch brings up to 2 MiB per partition (some 2,000 events of
 * a realistic mix); when the projector keeps up with the relay, batches are small and sharing pays.
 */
export interface ConsumerTuning {
  /** Partitions whose batches are handled at once, sharing transactions; default 6 (the relay's partition count). */
  readonly partitionsConsumedConcurrently?: number;
  /** Most events in one shared transaction (a larger single batch still goes alone); default 4000. */
  readonly maxEventsPerTransaction?: number;
  /**
   * kafkajs fetch settings; unset, kafkajs' defaults (minBytes 1, maxWaitTimeInMs 5000, 10 MiB per
   * fetch) except 2 MiB per partition (DEFAULT_MAX_BYTES_PER_PARTITION).
   */
  readonly minBytes?: number;
  readonly maxWaitTimeInMs?: number;
  readonly maxBytesPerPartition?: number;
  readonly maxBytes?: number;
}

export const DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY = 6;
export const DEFAULT_MAX_EVENTS_PER_TRANSACTION = 4000;
/**
 * Twice kafkajs' 1 MiB: catching up, a fetch then brings about 2,000 events per partition, and the
 * projector pays its per-fetch and per-transaction costs (a fetch round trip it waits for, a
 * reconciliation pass, the commit) half as often. 6 partitions × 2 MiB stay within kafkajs' 10 MiB
 * per fetch.
 */
export const DEFAULT_MAX_BYTES_PER_PARTITION = 2 * 1024 * 1024;

export interface TransactionalConsumerOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly groupId: string;
  readonly handler: TransactionalBatchHandler;
  readonly clientId?: string;
  /** Extra kafkajs client settings (retry, connectionTimeout, ...). */
  readonly kafka?: Partial<KafkaConfig>;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly log?: (line: Record<string, unknown>) => void;
  readonly tuning?: ConsumerTuning;
}

export interface ConsumerStats {
  batches: number;
  applied: number;
  duplicates: number;
  stale: number;
  seeks: number;
}

/**
 * A kafkajs consumer group member for the integration topic whose offsets live in the database.
 *
 * - eachBatch, autoCommit off: each batch goes to the handler's single transaction (rows + offsets);
 *   the batches of partitions handled at once share one (BatchCoalescer, see ConsumerTuning);
 * - on every assignment (GROUP_JOIN) it seeks each assigned partition to the offset stored in the
 *   database; messages fetched before the seek applies are below the stored offset and skipped by the
 *   handler, so correctness never depends on the seek's timing;
 * - after the database commit it commits the same offsets to Kafka, for lag monitoring only.
 */
export class TransactionalBatchConsumer {
  readonly stats: ConsumerStats = { batches: 0, applied: 0, duplicates: 0, stale: 0, seeks: 0 };
  /** Partitions of the latest assignment, and every partition this member was ever assigned. */
  readonly assigned = new Set<number>();
  readonly everAssigned = new Set<number>();
  private readonly consumer: Consumer;
  private readonly concurrency: number;
  private readonly transactions: BatchCoalescer<TransactionalBatch, TransactionalBatchOutcome>;
  private readonly gapSeeks = new Map<number, string>();
  private readonly log: (line: Record<string, unknown>) => void;
  private running = false;

  constructor(private readonly options: TransactionalConsumerOptions) {
    this.log = options.log ?? (() => undefined);
    const { partitionsConsumedConcurrently, maxEventsPerTransaction, ...fetch } = options.tuning ?? {};
    this.concurrency = partitionsConsumedConcurrently ?? DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY;
    this.transactions = new BatchCoalescer((batches) => options.handler.handleBatches(batches), maxEventsPerTransaction ?? DEFAULT_MAX_EVENTS_PER_TRANSACTION);
    const kafka = new Kafka({
      clientId: options.clientId ?? `recon-projector-${process.pid}`,
      brokers: [...options.brokers],
      logLevel: logLevel.NOTHING,
      ...options.kafka,
    });
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 1_000,
      rebalanceTimeout: 20_000,
      allowAutoTopicCreation: true,
      maxBytesPerPartition: DEFAULT_MAX_BYTES_PER_PARTITION,
      ...fetch,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => {
      const partitions = event.payload.memberAssignment[options.topic] ?? [];
      this.assigned.clear();
      for (const partition of partitions) {
        this.assigned.add(partition);
        this.everAssigned.add(partition);
      }
      this.log({ msg: 'assigned', partitions });
      this.seekToStored(partitions).catch((error: unknown) => this.log({ msg: 'seek to stored offsets failed', error: String(error) }));
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => this.log({ msg: 'consumer crashed', error: String(event.payload.error), restart: event.payload.restart }));
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
    this.running = true;
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.concurrency,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /** Leaves the group after the batch in progress has committed (or rolled back). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.consumer.disconnect();
  }

  private async seekToStored(partitions: readonly number[]): Promise<void> {
    if (partitions.length === 0) return;
    const stored = await this.options.handler.storedOffsets(this.options.groupId, this.options.topic, partitions);
    for (const [partition, offset] of stored) {
      this.consumer.seek({ topic: this.options.topic, partition, offset });
      this.stats.seeks += 1;
    }
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const messages: ConsumedEvent[] = [];
    for (const message of batch.messages) {
      if (!message.value) continue; // tombstones carry no event
      const value = JSON.parse(message.value.toString('utf8')) as IntegrationMessageValue;
      messages.push({ offset: message.offset, event: fromIntegrationMessageValue(value) });
    }
    const lastOffset = batch.messages[batch.messages.length - 1]!.offset;
    if (messages.length === 0) {
      resolveOffset(lastOffset);
      return;
    }
    const outcome = await this.transactions.submit({
      groupId: this.options.groupId,
      topic: batch.topic,
      partition: batch.partition,
      messages,
      ...(this.gapSeeks.has(batch.partition) ? { acceptGapAt: this.gapSeeks.get(batch.partition) } : {}),
    }, messages.length);
    if (outcome.status === 'gap') {
      // The log moved past what the database holds (e.g. Kafka offsets newer than a restored database).
      this.gapSeeks.set(batch.partition, outcome.storedOffset);
      this.log({ msg: 'gap: seeking back to the stored offset', partition: batch.partition, offset: outcome.storedOffset });
      this.consumer.seek({ topic: batch.topic, partition: batch.partition, offset: outcome.storedOffset });
      this.stats.seeks += 1;
      return;
    }
    this.gapSeeks.delete(batch.partition);
    this.stats.batches += 1;
    this.stats.applied += outcome.applied;
    this.stats.duplicates += outcome.duplicates;
    this.stats.stale += outcome.stale;
    resolveOffset(lastOffset);
    // Informational, for lag monitoring: the database holds the offsets that count, so the next fetch
    // does not wait for this round trip.
    this.consumer
      .commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: outcome.nextOffset }])
      .catch((error: unknown) => this.log({ msg: 'kafka offset commit failed (informational only)', error: String(error) }));
    await heartbeat();
  }
}
