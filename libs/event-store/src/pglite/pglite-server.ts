import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Pool } from 'pg';
import { readFile } from 'node:fs/promises';
import { ensureClusterTemplate, holdsCluster } from './cluster-template';
import { startPgliteChildProcess } from './pglite-child-process';
import { createPostgresEventStore, CreatePostgresEventStoreOptions, PostgresEventStore } from '../postgres/postgres-event-store';

export interface PgliteServerOptions {
  /** Directory to persist into; default: in memory. */
  readonly dataDir?: string;
  /** Host to bind; default 127.0.0.1. */
  readonly host?: string;
  /** Port; default 0 (a free port chosen by the OS). */
  readonly port?: number;
  /**
   * Connections the socket server accepts and the pool's `max`; default 1. pglite-socket 0.2.17
   * accepts more (`maxConnections`) and queues them at the query level, keeping a transaction's
   * queries together while PGlite is inside it; it is still one PostgreSQL session, so there is no
   * concurrency to gain and session state (LISTEN, SET) is shared. A pool of one is the safe default.
   */
  readonly maxConnections?: number;
  /**
   * Where PGlite runs. `in-process` (default outside Jest) keeps it in this Node process;
   * `child-process` (default under Jest, whose module VM cannot run PGlite's dynamic imports)
   * runs PGlite and the socket server in a child Node process.
   */
  readonly isolation?: 'in-process' | 'child-process';
}

export interface PgliteServer {
  /** The PGlite instance when it runs in this process. */
  readonly db?: PGlite;
  /** A `pg` pool on the socket server; `max` = `maxConnections` (1 by default). */
  readonly pool: Pool;
  readonly connectionString: string;
  readonly host: string;
  readonly port: number;
  /** Ends the pool, stops the socket server and closes PGlite. */
  close(): Promise<void>;
}

/**
 * Embedded settings for a small deployment: PostgreSQL's default 128 MB of shared buffers would be
 * resident in the process for nothing.
 */
const EMBEDDED_CONF = 'shared_buffers = 16MB';

/** PGlite on an existing cluster, or on a new one loaded from the initialized template. */
async function createEmbeddedPglite(dataDir: string | undefined): Promise<PGlite> {
  if (holdsCluster(dataDir)) return PGlite.create({ dataDir, postgresqlconf: EMBEDDED_CONF });
  const template = await readFile(await ensureClusterTemplate());
  return PGlite.create({ ...(dataDir ? { dataDir } : {}), loadDataDir: new Blob([template]), postgresqlconf: EMBEDDED_CONF });
}

/**
 * Opens PGlite (in memory, or in `dataDir`), serves it over the PostgreSQL wire protocol on
 * 127.0.0.1 and a free port with pglite-socket, and returns a `pg` pool on it, so that the same
 * PostgreSQL code (event store, TypeORM) runs embedded without a server.
 */
export async function startPgliteServer(options: PgliteServerOptions = {}): Promise<PgliteServer> {
  const host = options.host ?? '127.0.0.1';
  const maxConnections = options.maxConnections ?? 1;
  const isolation = options.isolation ?? (process.env.JEST_WORKER_ID ? 'child-process' : 'in-process');
  if (isolation === 'child-process') {
    const child = await startPgliteChildProcess({ dataDir: options.dataDir, host, port: options.port ?? 0, maxConnections });
    return withPool(undefined, child.host, child.port, maxConnections, () => child.close());
  }
  const db = await createEmbeddedPglite(options.dataDir);
  const server = new PGLiteSocketServer({ db, host, port: options.port ?? 0, maxConnections });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  // start() resolves after listen(), which stored the port the OS chose.
  const [, portText] = /:(\d+)$/.exec(server.getServerConn()) ?? [];
  const port = Number(portText);
  return withPool(db, host, port, maxConnections, async () => {
    await server.stop();
    await db.close();
  });
}

function withPool(db: PGlite | undefined, host: string, port: number, max: number, stop: () => Promise<void>): PgliteServer {
  const connectionString = `postgresql://postgres@${host}:${port}/postgres`;
  const pool = new Pool({ connectionString, max, idleTimeoutMillis: 0 });
  pool.on('error', () => undefined); // a client lost its socket (server stopping); queries report it
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await pool.end().catch(() => undefined);
      await stop();
    })());
  return { ...(db ? { db } : {}), pool, connectionString, host, port, close };
}

export interface OpenPgliteEventStoreOptions
  extends PgliteServerOptions,
    Omit<CreatePostgresEventStoreOptions, 'pool' | 'connectionString' | 'poolConfig' | 'ownsPool'> {}

export interface PgliteEventStore {
  readonly store: PostgresEventStore;
  readonly server: PgliteServer;
  /** Closes the store, then the pool, the socket server and PGlite. */
  close(): Promise<void>;
}

/**
 * The embedded event store: the PostgreSQL adapter on PGlite through a pool of one connection.
 * LISTEN is off (it would need a second connection); own appends wake subscriptions in process
 * and the poll interval covers the rest.
 */
export async function openPgliteEventStore(options: OpenPgliteEventStoreOptions = {}): Promise<PgliteEventStore> {
  const { dataDir, host, port, maxConnections, isolation, ...storeOptions } = options;
  const server = await startPgliteServer({ dataDir, host, port, maxConnections, isolation });
  try {
    const store = await createPostgresEventStore({ listen: false, notify: false, ...storeOptions, pool: server.pool, ownsPool: false });
    return {
      store,
      server,
      close: async () => {
        await store.close();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
