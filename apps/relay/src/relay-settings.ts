import { kafkaBrokersOf, loadSettings, requireSetting } from '@recon/platform';

/** What the relay process needs, taken from the one settings module every process reads. */
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

/** Reads and validates the relay's settings (InvalidSettingsError naming each variable). */
export function loadRelaySettings(env: NodeJS.ProcessEnv = process.env): RelaySettings {
  const settings = loadSettings(env);
  const databaseUrl = requireSetting(settings, 'DATABASE_URL', 'the postgres:// connection string of the database holding the relay checkpoint');
  return {
    databaseUrl,
    databaseSchema: settings.DATABASE_SCHEMA,
    kafkaBrokers: kafkaBrokersOf(settings),
    relayName: settings.RELAY_NAME,
    topic: settings.KAFKA_TOPIC,
    topicPartitions: settings.KAFKA_TOPIC_PARTITIONS,
    maxBatchSize: settings.RELAY_BATCH_SIZE,
    lingerMs: settings.RELAY_LINGER_MS,
  };
}
