import { describeEventStoreContract } from '../contract/event-store.contract';
import { TransactionHold } from '../contract/transaction-hold';
import { createPostgresEventStore } from '../postgres/postgres-event-store';
import { dropEventStoreSchema } from '../postgres/schema';
import { openPgliteEventStore, PgliteServer, startPgliteServer } from './pglite-server';

// One PGlite for the file (starting one takes seconds); every test gets its own schema on it.
let server: PgliteServer;
let n = 0;

beforeAll(async () => {
  server = await startPgliteServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describeEventStoreContract('PostgreSQL adapter on PGlite (pool of one)', async () => {
  const schema = `pglite_contract_${++n}`;
  const hold = new TransactionHold();
  // The same options openPgliteEventStore uses: no LISTEN (one connection), no NOTIFY.
  const store = await createPostgresEventStore({ pool: server.pool, schema, listen: false, notify: false, beforeCommit: hold.beforeCommit });
  return {
    store,
    appendHoldingTransaction: (streamId, events, expected, holdMs) => hold.appendHolding(store, streamId, events, expected, holdMs),
    globalEventIdUniqueness: true,
    dispose: async () => {
      await store.close();
      await dropEventStoreSchema(server.pool, schema);
    },
  };
});

describe('openPgliteEventStore', () => {
  it('opens an embedded store on a pool of one and closes everything', async () => {
    const embedded = await openPgliteEventStore();
    try {
      expect(embedded.server.pool.options.max).toBe(1);
      const result = await embedded.store.appendToStream('asset-1', [{ eventId: 'a1', type: 'T', schemaVersion: 1, data: {}, metadata: {} }], 'no_stream');
      expect(result.position).toBe(1n);
      expect(await embedded.store.verifyChain()).toMatchObject({ ok: true, checked: 1 });
    } finally {
      await embedded.close();
    }
    await expect(embedded.server.pool.query('SELECT 1')).rejects.toThrow();
  }, 120_000);
});
