import type { Pool } from 'pg';
import { PostgresRelayCheckpointStore } from './checkpoint-store';
import { KafkaRelayPublisherOptions, KafkaRelayPublisher } from './kafka-relay-publisher';
import { Relay, RelayOptions } from './relay';

export interface CreateKafkaRelayOptions
  extends Omit<RelayOptions, 'checkpoints' | 'publisher'>,
    Omit<KafkaRelayPublisherOptions, 'log'> {
  /** Pool of the database holding `<schema>.relay_checkpoints` (usually the event store's). */
  readonly pool: Pool;
  /** Schema of the checkpoint table (usually the event store's schema). */
  readonly schema: string;
}

/** A relay from a PostgreSQL-checkpointed store to Kafka; call `start()`, later `stop()`. */
export function createKafkaRelay(options: CreateKafkaRelayOptions): Relay {
  const { pool, schema, brokers, topic, partitions, replicationFactor, clientId, kafka, producer, sendTimeoutMs, ...relay } = options;
  return new Relay({
    ...relay,
    checkpoints: new PostgresRelayCheckpointStore(pool, schema),
    publisher: new KafkaRelayPublisher({
      brokers,
      ...(topic !== undefined ? { topic } : {}),
      ...(partitions !== undefined ? { partitions } : {}),
      ...(replicationFactor !== undefined ? { replicationFactor } : {}),
      ...(clientId !== undefined ? { clientId } : {}),
      ...(kafka !== undefined ? { kafka } : {}),
      ...(producer !== undefined ? { producer } : {}),
      ...(sendTimeoutMs !== undefined ? { sendTimeoutMs } : {}),
      ...(relay.log ? { log: relay.log } : {}),
    }),
  });
}
