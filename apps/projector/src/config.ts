import { kafkaBrokersOf, loadSettings, readModelSchemaOf, requireSetting } from '@recon/platform';

export interface ProjectorConfig {
  readonly databaseUrl: string;
  /** The read-model schema: `<DATABASE_SCHEMA>_read`, the same rule as the API's. */
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

/** The projector's settings, from the one settings module every process reads; every error names its variable. */
export function projectorConfigFrom(env: Env): ProjectorConfig {
  const settings = loadSettings(env);
  return {
    databaseUrl: requireSetting(settings, 'DATABASE_URL', 'the postgres:// connection string of the read models, e.g. postgresql://postgres@127.0.0.1:5432/test'),
    schema: readModelSchemaOf(settings),
    brokers: kafkaBrokersOf(settings),
    topic: settings.KAFKA_TOPIC,
    groupId: settings.KAFKA_GROUP,
    sessionTimeoutMs: settings.KAFKA_SESSION_TIMEOUT_MS,
    ...(settings.PROJECTOR_MAX_EVENTS_PER_TRANSACTION !== undefined ? { maxEventsPerTransaction: settings.PROJECTOR_MAX_EVENTS_PER_TRANSACTION } : {}),
    ...(settings.KAFKA_MAX_BYTES_PER_PARTITION !== undefined ? { maxBytesPerPartition: settings.KAFKA_MAX_BYTES_PER_PARTITION } : {}),
  };
}
