// Rebuilds the read models from the event store's $all (not from Kafka).
// node -r @swc-node/register apps/projector/src/rebuild.ts
// Env: DATABASE_URL (required), DATABASE_SCHEMA (read_models),
//      EVENT_STORE_DATABASE_URL (default DATABASE_URL), EVENT_STORE_SCHEMA (event_store).
import { createPostgresEventStore, DEFAULT_SCHEMA } from '@recon/event-store';
import { openReadModels, rebuildReadModels, RebuildResult } from '@recon/read-models';
import { ConfigError, databaseUrlFrom, schemaFrom } from './config';

export interface RebuildCommandOptions {
  readonly databaseUrl: string;
  readonly schema: string;
  readonly eventStoreUrl: string;
  readonly eventStoreSchema: string;
}

export function rebuildConfigFrom(env: Readonly<Record<string, string | undefined>>): RebuildCommandOptions {
  const databaseUrl = databaseUrlFrom(env);
  const eventStoreSchema = env.EVENT_STORE_SCHEMA?.trim() || DEFAULT_SCHEMA;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(eventStoreSchema)) throw new ConfigError('EVENT_STORE_SCHEMA', `invalid schema name "${eventStoreSchema}"`);
  return {
    databaseUrl,
    schema: schemaFrom(env),
    eventStoreUrl: env.EVENT_STORE_DATABASE_URL?.trim() ? databaseUrlFrom(env, 'EVENT_STORE_DATABASE_URL') : databaseUrl,
    eventStoreSchema,
  };
}

/** Opens the store (without migrating it) and the read models, rebuilds, closes both. */
export async function rebuildCommand(options: RebuildCommandOptions): Promise<RebuildResult> {
  const store = await createPostgresEventStore({ connectionString: options.eventStoreUrl, schema: options.eventStoreSchema, migrate: false, listen: false });
  try {
    const dataSource = await openReadModels({ url: options.databaseUrl, schema: options.schema, poolSize: 2 });
    try {
      return await rebuildReadModels({ dataSource, schema: options.schema, store });
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  (async () => {
    const options = rebuildConfigFrom(process.env);
    const result = await rebuildCommand(options);
    process.stdout.write(`${JSON.stringify({ msg: 'rebuilt', schema: options.schema, events: result.events, position: result.position.toString() })}\n`);
  })().catch((error: unknown) => {
    process.stderr.write(`rebuild: ${error instanceof ConfigError ? `invalid configuration: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
}
