import { createEventStoreDbEventStore } from '@recon/event-store';
import type { EventStoreRuntime } from './open-event-store';

/** The production event store. Its hash chain is per stream (see the adapter), verified stream by stream. */
export async function openEventStoreDb(connectionString: string): Promise<EventStoreRuntime> {
  const store = createEventStoreDbEventStore({ connectionString });
  await store.streamVersion('$recon-connection-probe');
  return {
    store,
    description: `EventStoreDB ${new URL(connectionString.replace(/^[a-z+]+:/, 'http:')).host}`,
    verify: async () => {
      throw new Error('recon verify walks the global chain of the PostgreSQL store; on EventStoreDB chains are per stream and verified by the adapter');
    },
    close: () => store.close(),
  };
}
