import { createPostgresEventStore, EventStore, openPgliteEventStore, VerifyChainResult } from '@recon/event-store';
import { Settings } from '@recon/platform';
import type { Pool } from 'pg';
import { openEventStoreDb } from './open-eventstoredb';

export interface EventStoreRuntime {
  readonly store: EventStore;
  /** Human-readable: which adapter, where. Never prints credentials. */
  readonly description: string;
  /**
   * Where the read models live: PGlite shares its one connection with the store; otherwise the
   * PostgreSQL server in DATABASE_URL.
   */
  readonly readModels?: { readonly pool: Pool } | { readonly url: string };
  /** Walks the tamper-evident chain. */
  verify(from?: bigint, to?: bigint): Promise<VerifyChainResult>;
  close(): Promise<void>;
}

/** Opens the event store the settings select: PGlite (embedded), a PostgreSQL server, or EventStoreDB. */
export async function openEventStore(settings: Settings): Promise<EventStoreRuntime> {
  switch (settings.EVENT_STORE) {
    case 'pglite': {
      const embedded = await openPgliteEventStore({ dataDir: settings.PGLITE_DATA_DIR, schema: settings.DATABASE_SCHEMA });
      return {
        store: embedded.store,
        description: `PGlite ${settings.PGLITE_DATA_DIR ? `in ${settings.PGLITE_DATA_DIR}` : 'in memory'}`,
        readModels: { pool: embedded.server.pool },
        verify: (from, to) => embedded.store.verifyChain(from, to),
        close: () => embedded.close(),
      };
    }
    case 'postgres': {
      const store = await createPostgresEventStore({ connectionString: settings.DATABASE_URL, schema: settings.DATABASE_SCHEMA });
      return {
        store,
        description: `PostgreSQL ${new URL(settings.DATABASE_URL!).host}, schema ${settings.DATABASE_SCHEMA}`,
        readModels: { url: settings.DATABASE_URL! },
        verify: (from, to) => store.verifyChain(from, to),
        close: () => store.close(),
      };
    }
    case 'eventstoredb': {
      const runtime = await openEventStoreDb(settings.EVENTSTORE_CONNECTION_STRING!);
      return settings.DATABASE_URL ? { ...runtime, readModels: { url: settings.DATABASE_URL } } : runtime;
    }
  }
}
