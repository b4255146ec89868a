import { assertReadModelSchema, DEFAULT_READ_MODEL_SCHEMA } from '@recon/read-models';

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

export interface ProjectorConfig {
  readonly databaseUrl: string;
  readonly schema: string;
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly groupId: string;
  /** Consumer group session timeout; the broker accepts 6000..1800000 ms by default. */
  readonly sessionTimeoutMs: number;
  /** Most events in one database transaction (PROJECTOR_MAX_EVENTS_PER_TRANSACTION); unset, the consumer's default. */
  readonly maxEventsPerTransaction?: number;
  /** Most bytes fetched per partition at a time (KAFKA_MAX_BYTES_PER_PARTITION); unset, 2 MiB (DEFAULT_MAX_BYTES_PER_PARTITION). */
  readonly maxBytesPerPartition?: number;
}

type Env = Readonly<Record<string, string | undefined>>;

export function databaseUrlFrom(env: Env, variable = 'DATABASE_URL'): string {
  const value = env[variable]?.trim();
  if (!value) throw new ConfigError(variable, 'required, e.g. postgresql://postgres@127.0.0.1:5432/test');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `not a URL (got "${value}")`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new ConfigError(variable, `must be a postgres:// or postgresql:// URL (got "${url.protocol}")`);
  return value;
}

export function schemaFrom(env: Env, variable = 'DATABASE_SCHEMA'): string {
  const value = env[variable]?.trim() || DEFAULT_READ_MODEL_SCHEMA;
  try {
    return assertReadModelSchema(value);
  } catch (error) {
    throw new ConfigError(variable, (error as Error).message);
  }
}

/** Reads and validates the projector's environment; every error names its variable. */
export function projectorConfigFrom(env: Env, defaultTopic: string): ProjectorConfig {
  const brokersText = env.KAFKA_BROKERS?.trim() || '127.0.0.1:19092';
  const brokers = brokersText.split(',').map((b) => b.trim()).filter(Boolean);
  for (const broker of brokers) {
    if (!/^[^\s:,]+:\d{1,5}$/.test(broker) || Number(broker.split(':').pop()) > 65535) {
      throw new ConfigError('KAFKA_BROKERS', `expected host:port[,host:port...] (got "${brokersText}")`);
    }
  }
  if (brokers.length === 0) throw new ConfigError('KAFKA_BROKERS', 'no broker given');
  const topic = env.KAFKA_TOPIC?.trim() || defaultTopic;
  if (!/^[a-zA-Z0-9._-]{1,249}$/.test(topic)) throw new ConfigError('KAFKA_TOPIC', `not a valid topic name (got "${topic}")`);
  const groupId = env.KAFKA_GROUP?.trim() || 'recon-projector';
  if (/\s/.test(groupId)) throw new ConfigError('KAFKA_GROUP', `must not contain spaces (got "${groupId}")`);
  const sessionTimeoutMs = optionalCount(env, 'KAFKA_SESSION_TIMEOUT_MS', 1000, 1_800_000, 'an integer number of milliseconds') ?? 10_000;
  const maxEventsPerTransaction = optionalCount(env, 'PROJECTOR_MAX_EVENTS_PER_TRANSACTION', 1, 100_000);
  const maxBytesPerPartition = optionalCount(env, 'KAFKA_MAX_BYTES_PER_PARTITION', 1024, 100 * 1024 * 1024);
  return {
    databaseUrl: databaseUrlFrom(env), schema: schemaFrom(env), brokers, topic, groupId, sessionTimeoutMs,
    ...(maxEventsPerTransaction !== undefined ? { maxEventsPerTransaction } : {}),
    ...(maxBytesPerPartition !== undefined ? { maxBytesPerPartition } : {}),
  };
}

/** An optional integer setting within [min, max]; undefined when unset. */
function optionalCount(env: Env, variable: string, min: number, max: number, what = 'an integer'): number | undefined {
  const text = env[variable]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new ConfigError(variable, `${what} between ${min} and ${max} (got "${text}")`);
  return value;
}
