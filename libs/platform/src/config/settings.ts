import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/**
 * Every setting every process reads (the API and `recon` commands, the relay, the projector, the
 * rebuild, the chain watcher), validated once at start-up with the same names and defaults
 * everywhere. A bad value stops the process with a message naming the variable and what it expects,
 * instead of failing later in the middle of a request.
 */
export class Settings {
  /** `embedded`: PGlite, in-process bus, development keys. `production`: external servers only. */
  @IsIn(['embedded', 'production'])
  RECON_MODE: 'embedded' | 'production' = 'embedded';

  @IsIn(['pglite', 'postgres', 'eventstoredb'])
  EVENT_STORE: 'pglite' | 'postgres' | 'eventstoredb' = 'pglite';

  @IsOptional()
  @Matches(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover):\/\/.+/, {
    message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL?: string;

  /**
   * The deployment's PostgreSQL schema, the same for every process: the event store (EVENT_STORE=postgres)
   * and the relay's checkpoint live in it, the read models in `<DATABASE_SCHEMA>_read` (readModelSchemaOf).
   * At most 50 characters, so that the read-model schema and a rebuild's staging schema
   * (`<DATABASE_SCHEMA>_read_rebuild`) are still PostgreSQL identifiers (63).
   */
  @Matches(/^[a-z_][a-z0-9_]{0,49}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier of at most 50 characters' })
  DATABASE_SCHEMA = 'recon';

  /** Folder that keeps the embedded database between runs; in memory when unset. */
  @IsOptional()
  @IsString()
  PGLITE_DATA_DIR?: string;

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsIn(['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'])
  HOST = '127.0.0.1';

  /** `key:role:user` triples separated by commas, e.g. `k1:operator:alice,k2:approver:bob`. */
  @IsOptional()
  @Matches(/^[^:,\s]{16,}:(operator|approver|auditor|regulator|admin):[^:,\s]+(,[^:,\s]{16,}:(operator|approver|auditor|regulator|admin):[^:,\s]+)*$/, {
    message: 'RECON_API_KEYS must be comma-separated key:role:user triples, keys of at least 16 characters, roles operator|approver|auditor|regulator|admin',
  })
  RECON_API_KEYS?: string;

  /** HMAC secret for signed bearer tokens (HS256). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'RECON_JWT_SECRET must be at least 32 characters' })
  RECON_JWT_SECRET?: string;

  /** Seed the demo: `true` by default in embedded mode; production never seeds and refuses `true`. */
  @IsIn(['true', 'false'])
  RECON_SEED_DEMO: 'true' | 'false' = 'true';

  /** Kafka bootstrap servers (relay, projector). */
  @Matches(/^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):\d{1,5}(,\s*([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):\d{1,5})*$/, {
    message: 'KAFKA_BROKERS must be comma-separated host:port pairs',
  })
  KAFKA_BROKERS = '127.0.0.1:19092';

  /** The integration topic the relay publishes to and the projectors read. */
  @Matches(/^(?!\.{1,2}$)[A-Za-z0-9._-]{1,249}$/, { message: "KAFKA_TOPIC must be a Kafka topic name: 1-249 letters, digits, '.', '_' or '-'" })
  KAFKA_TOPIC = 'recon.events.v1';

  /** Partitions the relay creates the topic with: the most projector instances that share the work. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  KAFKA_TOPIC_PARTITIONS = 6;

  /** The projectors' consumer group. */
  @Matches(/^\S{1,255}$/, { message: 'KAFKA_GROUP must be 1-255 characters without spaces' })
  KAFKA_GROUP = 'recon-projector';

  @IsInt()
  @Min(1000)
  @Max(1_800_000)
  KAFKA_SESSION_TIMEOUT_MS = 10_000;

  /** Most bytes a projector fetches per partition at a time; unset, 2 MiB. */
  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  KAFKA_MAX_BYTES_PER_PARTITION?: number;

  /** Most events in one projector database transaction; unset, the consumer's default. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  PROJECTOR_MAX_EVENTS_PER_TRANSACTION?: number;

  /** Names the relay's checkpoint row: one running relay per name. */
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: "RELAY_NAME must be 1-100 letters, digits, '.', '_' or '-'" })
  RELAY_NAME = 'relay';

  @IsInt()
  @Min(1)
  @Max(100_000)
  RELAY_BATCH_SIZE = 500;

  @IsInt()
  @Min(0)
  @Max(60_000)
  RELAY_LINGER_MS = 5;

  /** Chain watcher: the JSON file of deployments to follow. */
  @IsOptional()
  @IsString()
  CHAIN_DEPLOYMENTS?: string;

  /** Chain watcher: pause between scans once caught up. */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  CHAIN_POLL_MS = 2_000;

  /** Chain watcher: deployments scanned at once. */
  @IsInt()
  @Min(1)
  @Max(64)
  CHAIN_CONCURRENCY = 4;
}

/** Settings whose values are whole numbers: the text is checked before class-validator sees it. */
const INTEGER_SETTINGS = [
  'PORT',
  'KAFKA_TOPIC_PARTITIONS',
  'KAFKA_SESSION_TIMEOUT_MS',
  'KAFKA_MAX_BYTES_PER_PARTITION',
  'PROJECTOR_MAX_EVENTS_PER_TRANSACTION',
  'RELAY_BATCH_SIZE',
  'RELAY_LINGER_MS',
  'CHAIN_POLL_MS',
  'CHAIN_CONCURRENCY',
] as const;

const OPTIONAL_SETTINGS = [
  'EVENTSTORE_CONNECTION_STRING',
  'DATABASE_URL',
  'PGLITE_DATA_DIR',
  'RECON_API_KEYS',
  'RECON_JWT_SECRET',
  'KAFKA_MAX_BYTES_PER_PARTITION',
  'PROJECTOR_MAX_EVENTS_PER_TRANSACTION',
  'CHAIN_DEPLOYMENTS',
] as const;

/** Names earlier versions read: refused with the name that replaced them, never silently ignored. */
const RENAMED: Readonly<Record<string, string>> = {
  RELAY_TOPIC: 'KAFKA_TOPIC',
  EVENT_STORE_SCHEMA: 'DATABASE_SCHEMA (the event store lives in the deployment schema)',
  EVENT_STORE_DATABASE_URL: 'DATABASE_URL',
};

export class InvalidSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidSettingsError';
  }
}

/** Reads and validates settings from an environment (process.env by default). */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const problems: string[] = [];
  for (const [old, replacement] of Object.entries(RENAMED)) {
    if (env[old] !== undefined && env[old] !== '') problems.push(`${old} is no longer read: set ${replacement}`);
  }
  const raw: Record<string, unknown> = {};
  for (const key of [...Object.keys(new Settings()), ...OPTIONAL_SETTINGS]) {
    const value = env[key]?.trim();
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const key of INTEGER_SETTINGS) {
    const text = raw[key];
    if (typeof text !== 'string') continue;
    if (/^\d{1,15}$/.test(text)) raw[key] = Number(text);
    else {
      problems.push(`${key}: not a number (got "${text}"); expected a whole number`);
      delete raw[key];
    }
  }
  if (raw.RECON_SEED_DEMO === undefined && raw.RECON_MODE === 'production') raw.RECON_SEED_DEMO = 'false';
  const settings = plainToInstance(Settings, raw, { exposeDefaultValues: true });
  problems.push(
    ...validateSync(settings, { stopAtFirstError: true }).flatMap((error) =>
      Object.values(error.constraints ?? {}).map((message) => (message.startsWith(error.property) ? message : `${error.property}: ${message}`)),
    ),
  );
  problems.push(...crossFieldProblems(settings));
  if (problems.length > 0) throw new InvalidSettingsError(problems);
  return settings;
}

/** Rules that tie settings together: production never runs on embedded parts, development keys or the demo. */
function crossFieldProblems(settings: Settings): string[] {
  const problems: string[] = [];
  if (settings.EVENT_STORE === 'eventstoredb' && !settings.EVENTSTORE_CONNECTION_STRING) {
    problems.push('EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb');
  }
  if (settings.EVENT_STORE === 'postgres' && !settings.DATABASE_URL) {
    problems.push('DATABASE_URL is required when EVENT_STORE=postgres');
  }
  if (settings.RECON_MODE === 'production') {
    if (settings.EVENT_STORE === 'pglite') problems.push('EVENT_STORE: pglite is for embedded mode; production needs eventstoredb or postgres');
    if (!settings.DATABASE_URL) problems.push('DATABASE_URL is required in production (read models live in PostgreSQL)');
    if (!settings.RECON_API_KEYS && !settings.RECON_JWT_SECRET) {
      problems.push('RECON_API_KEYS or RECON_JWT_SECRET is required in production: there is no development key outside embedded mode');
    }
    if (settings.PGLITE_DATA_DIR) problems.push('PGLITE_DATA_DIR: embedded storage is not used in production');
    // The production store is append-only and hash-chained: demo events written there could never be removed.
    if (settings.RECON_SEED_DEMO === 'true') problems.push('RECON_SEED_DEMO: production never seeds the demo into its append-only store; unset it or set false');
  }
  return problems;
}

/** The schema holding the read models of a deployment: one rule for the API, projectors and rebuilds. */
export function readModelSchemaOf(settings: Pick<Settings, 'DATABASE_SCHEMA'>): string {
  return `${settings.DATABASE_SCHEMA}_read`;
}

/** The Kafka bootstrap servers as a list. */
export function kafkaBrokersOf(settings: Pick<Settings, 'KAFKA_BROKERS'>): string[] {
  return settings.KAFKA_BROKERS.split(',').map((broker) => broker.trim()).filter((broker) => broker !== '');
}

/**
 * A setting a process cannot run without although others can (the relay's DATABASE_URL, the chain
 * watcher's CHAIN_DEPLOYMENTS): refused with the variable named and why this process needs it.
 */
export function requireSetting<K extends keyof Settings>(settings: Settings, name: K, why: string): NonNullable<Settings[K]> {
  const value = settings[name];
  if (value === undefined || value === null || value === '') throw new InvalidSettingsError([`${String(name)} is required: ${why}`]);
  return value as NonNullable<Settings[K]>;
}
