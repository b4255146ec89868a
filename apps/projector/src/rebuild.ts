// Rebuilds a deployment's read models from its event store's $all (not from Kafka).
// node -r @swc-node/register apps/projector/src/rebuild.ts
// Settings (the shared settings module): DATABASE_URL (required), DATABASE_SCHEMA (recon): the event
// store read is in DATABASE_SCHEMA, the read models rebuilt are <DATABASE_SCHEMA>_read.
import { createPostgresEventStore } from '@recon/event-store';
import { InvalidSettingsError, loadSettings, readModelSchemaOf, requireSetting } from '@recon/platform';
import { openReadModels, rebuildReadModels, RebuildResult } from '@recon/read-models';
import { Pool } from 'pg';

export interface RebuildCommandOptions {
  readonly databaseUrl: string;
  /** Where the event store's tables are. */
  readonly eventStoreSchema: string;
  /** The read-model schema to replace. */
  readonly schema: string;
}

export function rebuildConfigFrom(env: Readonly<Record<string, string | undefined>>): RebuildCommandOptions {
  const settings = loadSettings(env);
  return {
    databaseUrl: requireSetting(settings, 'DATABASE_URL', 'the postgres:// connection string of the event store and the read models'),
    eventStoreSchema: settings.DATABASE_SCHEMA,
    schema: readModelSchemaOf(settings),
  };
}

/** Where a rebuild fills before it swaps: beside the target, so that readers never see it half full. */
export const stagingSchemaOf = (schema: string): string => `${schema}_rebuild`;

/**
 * Rebuilds without ever emptying a schema it cannot fill. It refuses up front when DATABASE_SCHEMA
 * holds no event store (the setting named), builds the read models into a staging schema, and only
 * after the whole store was applied swaps it in for the target in one transaction, dropping the
 * old tables. A failure at any point leaves the target as it was. Stop the Kafka projectors of the
 * schema first: events they apply during the rebuild would land in the schema being replaced.
 */
export async function rebuildCommand(options: RebuildCommandOptions): Promise<RebuildResult> {
  const admin = new Pool({ connectionString: options.databaseUrl, max: 1 });
  try {
    await requireEventStore(admin, options.eventStoreSchema);
    const staging = stagingSchemaOf(options.schema);
    await admin.query(`DROP SCHEMA IF EXISTS "${staging}" CASCADE`); // a rebuild that failed before left it
    const result = await fillStaging(options, staging);
    await swapIn(admin, staging, options.schema);
    return result;
  } finally {
    await admin.end();
  }
}

async function requireEventStore(admin: Pool, schema: string): Promise<void> {
  const { rows } = await admin.query<{ events: string | null }>('SELECT to_regclass($1)::text AS events', [`"${schema}".events`]);
  if (rows[0]?.events === null || rows[0]?.events === undefined) {
    throw new InvalidSettingsError([`DATABASE_SCHEMA: schema "${schema}" holds no event store (no table "${schema}".events); set DATABASE_SCHEMA to the deployment's schema. Nothing was changed.`]);
  }
}

async function fillStaging(options: RebuildCommandOptions, staging: string): Promise<RebuildResult> {
  const store = await createPostgresEventStore({ connectionString: options.databaseUrl, schema: options.eventStoreSchema, migrate: false, listen: false });
  try {
    const dataSource = await openReadModels({ url: options.databaseUrl, schema: staging, poolSize: 2 });
    try {
      return await rebuildReadModels({ dataSource, schema: staging, store });
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await store.close();
  }
}

/** One transaction on one connection: readers see the old tables or the new ones, never an empty schema. */
async function swapIn(admin: Pool, staging: string, target: string): Promise<void> {
  const client = await admin.connect();
  try {
    await client.query('BEGIN');
    await client.query(`DROP SCHEMA IF EXISTS "${target}" CASCADE`); // none on a deployment's first build
    await client.query(`ALTER SCHEMA "${staging}" RENAME TO "${target}"`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

if (require.main === module) {
  (async () => {
    const options = rebuildConfigFrom(process.env);
    const result = await rebuildCommand(options);
    process.stdout.write(`${JSON.stringify({ msg: 'rebuilt', schema: options.schema, events: result.events, position: result.position.toString() })}\n`);
  })().catch((error: unknown) => {
    process.stderr.write(`rebuild: ${error instanceof InvalidSettingsError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(error instanceof InvalidSettingsError ? 2 : 1);
  });
}
