import { TransactionalBatchConsumer } from '@recon/messaging';
import { openReadModels, ReadModelKafkaSink, ReadModelProjection, ReconciliationProjection } from '@recon/read-models';
import type { DataSource } from 'typeorm';
import type { ProjectorConfig } from './config';

export interface Projector {
  readonly consumer: TransactionalBatchConsumer;
  readonly dataSource: DataSource;
  /** Joins the group and starts consuming (returns once running). */
  start(): Promise<void>;
  /** Finishes the batch in progress, leaves the group, closes the database pool. */
  stop(): Promise<void>;
}

export interface CreateProjectorOptions extends Omit<ProjectorConfig, 'sessionTimeoutMs'> {
  readonly sessionTimeoutMs?: number;
  readonly poolSize?: number;
  readonly log?: (line: Record<string, unknown>) => void;
}

/** Kafka → read models: migrates the schema, then a consumer whose batches are database transactions. */
export async function createProjector(options: CreateProjectorOptions): Promise<Projector> {
  const dataSource = await openReadModels({ url: options.databaseUrl, schema: options.schema, poolSize: options.poolSize ?? 3 });
  // The continuous reconciler runs in each batch transaction, so a break is found on the event that causes it.
  const sink = new ReadModelKafkaSink(dataSource, new ReadModelProjection(options.schema, undefined, new ReconciliationProjection(options.schema)));
  const consumer = new TransactionalBatchConsumer({
    brokers: options.brokers,
    topic: options.topic,
    groupId: options.groupId,
    handler: sink,
    ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs, heartbeatIntervalMs: Math.min(1000, Math.floor(options.sessionTimeoutMs / 6)) } : {}),
    ...(options.log ? { log: options.log } : {}),
    tuning: {
      ...(options.maxEventsPerTransaction !== undefined ? { maxEventsPerTransaction: options.maxEventsPerTransaction } : {}),
      ...(options.maxBytesPerPartition !== undefined ? { maxBytesPerPartition: options.maxBytesPerPartition } : {}),
    },
  });
  let stopped = false;
  return {
    consumer,
    dataSource,
    start: () => consumer.start(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      try {
        await consumer.stop();
      } finally {
        await dataSource.destroy();
      }
    },
  };
}
