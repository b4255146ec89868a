import { createPostgresEventStore, EventStore, openPgliteEventStore, VerifyChainResult } from '@recon/event-store';
import { Settings } from '@recon/platform';
import { openEventStoreDb } from './open-eventstoredb';

export interface EventStoreRuntime {
  readonly store: EventStore;
  /** Human-readable: which adapter, where. Never prints credentials. */
  readonly description: string;
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
        verify: (from, to) => embedded.store.verifyChain(from, to),
        close: () => embedded.close(),
      };
    }
    case 'postgres': {
      const store = await createPostgresEventStore({ connectionString: settings.DATABASE_URL, schema: settings.DATABASE_SCHEMA });
      return {
        store,
        description: `PostgreSQL ${new URL(settings.DATABASE_URL!).host}, schema ${settings.DATABASE_SCHEMA}`,
        verify: (from, to) => store.verifyChain(from, to),
        close: () => store.close(),
      };
    }
    case 'eventstoredb': {
      return openEventStoreDb(settings.EVENTSTORE_CONNECTION_STRING!);
    }
  }
}
