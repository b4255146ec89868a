import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/**
 * Every setting the services read, validated once at start-up. A bad value stops the process with
 * a message naming the variable, instead of failing later in the middle of a request.
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

  /** Schema of the event store and read models in PostgreSQL. */
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' })
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

  @IsIn(['true', 'false'])
  RECON_SEED_DEMO = 'true';
}

export class InvalidSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidSettingsError';
  }
}

/** Reads and validates settings from an environment (process.env by default). */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const known = Object.keys(new Settings());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'EVENTSTORE_CONNECTION_STRING', 'DATABASE_URL', 'PGLITE_DATA_DIR', 'RECON_API_KEYS', 'RECON_JWT_SECRET']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  if (typeof raw.PORT === 'string') raw.PORT = /^\d+$/.test(raw.PORT) ? Number(raw.PORT) : raw.PORT;
  const settings = plainToInstance(Settings, raw, { exposeDefaultValues: true });
  const problems = validateSync(settings, { stopAtFirstError: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => (message.startsWith(error.property) ? message : `${error.property}: ${message}`)),
  );
  problems.push(...crossFieldProblems(settings));
  if (problems.length > 0) throw new InvalidSettingsError(problems);
  return settings;
}

/** Rules that tie settings together: production never runs on embedded parts or development keys. */
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
  }
  return problems;
}
