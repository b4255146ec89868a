import { EVENTS_TOPIC } from '@recon/messaging';

/** Settings of the relay process, from the environment. */
export interface RelaySettings {
  readonly databaseUrl: string;
  readonly databaseSchema: string;
  readonly kafkaBrokers: readonly string[];
  readonly relayName: string;
  readonly topic: string;
  readonly topicPartitions: number;
  readonly maxBatchSize: number;
  readonly lingerMs: number;
}

export class InvalidRelaySettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid relay configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidRelaySettingsError';
  }
}

/** The variables the relay reads, with their defaults (documented in apps/relay/README.md). */
export const RELAY_ENV = {
  DATABASE_URL: undefined,
  DATABASE_SCHEMA: 'recon',
  KAFKA_BROKERS: '127.0.0.1:19092',
  RELAY_NAME: 'relay',
  RELAY_TOPIC: EVENTS_TOPIC,
  KAFKA_TOPIC_PARTITIONS: '6',
  RELAY_BATCH_SIZE: '500',
  RELAY_LINGER_MS: '5',
} as const;

function integer(name: string, raw: string, min: number, max: number, problems: string[]): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return min;
  }
  return Number(raw);
}

/** Reads and validates the relay's settings; every problem names its variable. */
export function loadRelaySettings(env: NodeJS.ProcessEnv = process.env): RelaySettings {
  const get = (name: keyof typeof RELAY_ENV): string => {
    const value = env[name]?.trim();
    return value ? value : (RELAY_ENV[name] ?? '');
  };
  const problems: string[] = [];

  const databaseUrl = get('DATABASE_URL');
  if (!databaseUrl) problems.push('DATABASE_URL is required: the postgres:// connection string of the event store');
  else if (!/^postgres(ql)?:\/\/.+/.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection string');

  const databaseSchema = get('DATABASE_SCHEMA');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) problems.push(`DATABASE_SCHEMA must be a lower-case SQL identifier (got "${databaseSchema}")`);

  const kafkaBrokers = get('KAFKA_BROKERS')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const badBroker = kafkaBrokers.find((b) => !/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(b) || Number(b.slice(b.lastIndexOf(':') + 1)) > 65535);
  if (kafkaBrokers.length === 0 || badBroker !== undefined) {
    problems.push(`KAFKA_BROKERS must be comma-separated host:port pairs${badBroker !== undefined ? ` (bad entry "${badBroker}")` : ''}`);
  }

  const relayName = get('RELAY_NAME');
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(relayName)) problems.push(`RELAY_NAME must be 1-100 letters, digits, '.', '_' or '-' (got "${relayName}")`);

  const topic = get('RELAY_TOPIC');
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic) || topic === '.' || topic === '..') {
    problems.push(`RELAY_TOPIC must be a Kafka topic name: 1-249 letters, digits, '.', '_' or '-' (got "${topic}")`);
  }

  const topicPartitions = integer('KAFKA_TOPIC_PARTITIONS', get('KAFKA_TOPIC_PARTITIONS'), 1, 10_000, problems);
  const maxBatchSize = integer('RELAY_BATCH_SIZE', get('RELAY_BATCH_SIZE'), 1, 100_000, problems);
  const lingerMs = integer('RELAY_LINGER_MS', get('RELAY_LINGER_MS'), 0, 60_000, problems);

  if (problems.length > 0) throw new InvalidRelaySettingsError(problems);
  return { databaseUrl, databaseSchema, kafkaBrokers, relayName, topic, topicPartitions, maxBatchSize, lingerMs };
}
