import type { Pool } from 'pg';
import { DataSource, MigrationExecutor } from 'typeorm';
import { readModelMigrations } from './migrations';
import { assertReadModelSchema } from './schema-name';

export interface ReadModelDataSourceOptions {
  /** Schema holding the read models (and their migrations table). */
  readonly schema: string;
  /** Connect with this URL and a pool of `poolSize` ... */
  readonly url?: string;
  readonly poolSize?: number;
  /**
   * ... or run every query on this existing `pg` pool, which stays open when the DataSource is
   * destroyed. This is how embedded mode puts the event store and the read models on PGlite's one
   * connection.
   */
  readonly pool?: Pool;
}

/**
 * TypeORM's postgres driver builds its pool with `new driver.Pool(options)`; a constructor that
 * returns an object makes `new` return that object. `end()` is neutralized because the caller
 * owns the shared pool.
 */
function sharedPoolDriver(pool: Pool): unknown {
  const shared = new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'end') return (callback?: (error?: Error) => void) => (callback ? callback() : Promise.resolve());
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  return { ...pg, defaults: pg.defaults, types: pg.types, Pool: function SharedPool() { return shared; } };
}

export function createReadModelDataSource(options: ReadModelDataSourceOptions): DataSource {
  const schema = assertReadModelSchema(options.schema);
  if (!options.url && !options.pool) throw new Error('createReadModelDataSource: give a url or a pool');
  return new DataSource({
    type: 'postgres',
    ...(options.pool ? { driver: sharedPoolDriver(options.pool) } : { url: options.url, poolSize: options.poolSize ?? 4 }),
    schema,
    // No entities: every read model is written and read with SQL of its own, set-based; the tables come from the migrations.
    entities: [],
    migrations: readModelMigrations(schema),
    migrationsTableName: 'read_model_migrations',
    migrationsTransactionMode: 'all',
    installExtensions: false,
    logging: false,
  });
}

/**
 * Creates the schema if needed and runs the pending migrations, under a session advisory lock keyed
 * by the schema's name: projectors started at once on a new schema would otherwise race to create the
 * schema and TypeORM's migrations table, and all but one would fail. The lock, the schema and the
 * migrations share one connection, so a single-connection pool (embedded mode) cannot deadlock on it;
 * whoever waits finds the migrations done and runs none.
 */
export async function migrateReadModels(dataSource: DataSource, schema: string): Promise<void> {
  const name = assertReadModelSchema(schema);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`recon.read-models.migrate:${name}`]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${name}"`);
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all';
      await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`recon.read-models.migrate:${name}`]);
    }
  } finally {
    await runner.release();
  }
}

/** Opens (initializes) a DataSource and migrates its schema. */
export async function openReadModels(options: ReadModelDataSourceOptions): Promise<DataSource> {
  const dataSource = createReadModelDataSource(options);
  await dataSource.initialize();
  try {
    await migrateReadModels(dataSource, options.schema);
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

export async function dropReadModelSchema(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.query(`DROP SCHEMA IF EXISTS "${assertReadModelSchema(schema)}" CASCADE`);
}
