import { Admin, Kafka, KafkaConfig, logLevel, Partitioners, Producer, ProducerConfig } from 'kafkajs';
import { EVENTS_TOPIC } from '../contract/integration-message';
import type { IntegrationKafkaMessage } from './kafka-message';

/** Where the relay sends a batch. `publish` resolves only once the broker acknowledged all of it. */
export interface RelayPublisher {
  /** Creates the topic when it is missing (idempotent). */
  ensureTopic(): Promise<void>;
  /** Sends the batch in order; resolves after the acknowledgement (acks = all), rejects otherwise. */
  publish(messages: readonly IntegrationKafkaMessage[]): Promise<void>;
  /** Drops the producer after a failure, so the next `publish` starts from a fresh connection. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface KafkaRelayPublisherOptions {
  readonly brokers: readonly string[];
  /** Default `EVENTS_TOPIC` from the contract. */
  readonly topic?: string;
  /** Partitions when the relay creates the topic; default 6. An existing topic is left as it is. */
  readonly partitions?: number;
  /** Replication factor when the relay creates the topic; default: the broker's default. */
  readonly replicationFactor?: number;
  readonly clientId?: string;
  /** Extra kafkajs client settings (retry, timeouts, logLevel, ssl, sasl, ...). */
  readonly kafka?: Partial<KafkaConfig>;
  /** Extra producer settings; idempotence, one request in flight and acks = all are not negotiable. */
  readonly producer?: Partial<Omit<ProducerConfig, 'idempotent' | 'maxInFlightRequests' | 'transactionalId'>>;
  /** Broker wait for acks of one send; default 30 s. */
  readonly sendTimeoutMs?: number;
  readonly log?: (line: Record<string, unknown>) => void;
}

export const DEFAULT_TOPIC_PARTITIONS = 6;

function errorTypes(error: unknown): string[] {
  const e = error as { type?: string; errors?: unknown[]; cause?: unknown } | undefined;
  const own = typeof e?.type === 'string' ? [e.type] : [];
  const nested = Array.isArray(e?.errors) ? e.errors.flatMap(errorTypes) : [];
  return [...own, ...nested];
}

/**
 * kafkajs producer for the relay: idempotent (the broker drops the producer's own retries of a
 * request), at most one request in flight (so a retried request cannot overtake a later one) and
 * acks from all in-sync replicas. Every `publish` is one `producer.send`.
 */
export class KafkaRelayPublisher implements RelayPublisher {
  readonly topic: string;
  private readonly kafka: Kafka;
  private readonly log: (line: Record<string, unknown>) => void;
  private producer?: Producer;
  private topicReady = false;

  constructor(private readonly options: KafkaRelayPublisherOptions) {
    if (options.brokers.length === 0) throw new Error('KafkaRelayPublisher needs at least one broker');
    this.topic = options.topic ?? EVENTS_TOPIC;
    this.log = options.log ?? (() => undefined);
    this.kafka = new Kafka({
      clientId: options.clientId ?? `recon-relay-${process.pid}`,
      brokers: [...options.brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3_000,
      ...options.kafka,
    });
  }

  async ensureTopic(): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const numPartitions = this.options.partitions ?? DEFAULT_TOPIC_PARTITIONS;
      try {
        const created = await admin.createTopics({
          topics: [{ topic: this.topic, numPartitions, ...(this.options.replicationFactor ? { replicationFactor: this.options.replicationFactor } : {}) }],
          waitForLeaders: true,
        });
        if (created) this.log({ msg: 'topic created', topic: this.topic, partitions: numPartitions });
      } catch (error) {
        if (!errorTypes(error).includes('TOPIC_ALREADY_EXISTS')) throw error;
      }
      const metadata = await admin.fetchTopicMetadata({ topics: [this.topic] });
      const actual = metadata.topics[0]?.partitions.length ?? 0;
      if (actual !== numPartitions) this.log({ msg: 'topic exists with another partition count; left as it is', topic: this.topic, partitions: actual, configured: numPartitions });
      this.topicReady = true;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async publish(messages: readonly IntegrationKafkaMessage[]): Promise<void> {
    if (messages.length === 0) return;
    if (!this.topicReady) await this.ensureTopic();
    const producer = await this.connectedProducer();
    await producer.send({
      topic: this.topic,
      acks: -1,
      timeout: this.options.sendTimeoutMs ?? 30_000,
      messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    });
  }

  async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.topicReady = false; // a deleted topic is created again rather than retried forever
    if (producer) await producer.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.reset();
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner, // Java-compatible murmur2, same as other clients
      allowAutoTopicCreation: false,
      ...this.options.producer,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    return producer;
  }
}
