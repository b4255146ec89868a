import { Pool } from 'pg';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { TransactionHold } from '../contract/transaction-hold';
import { createPostgresEventStore } from './postgres-event-store';
import { dropEventStoreSchema } from './schema';

const connectionString = process.env.EVENT_STORE_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const run = `es_t${process.pid}_${Date.now().toString(36)}`;
let admin: Pool;
let n = 0;

beforeAll(() => {
  admin = new Pool({ connectionString, max: 2 });
});
afterAll(async () => {
  await admin.end();
});

describeEventStoreContract('PostgreSQL', async () => {
  const schema = `${run}_${++n}`;
  const hold = new TransactionHold();
  const store = await createPostgresEventStore({ connectionString, schema, poolConfig: { max: 8 }, beforeCommit: hold.beforeCommit });
  return {
    store,
    appendHoldingTransaction: (streamId, events, expected, holdMs) => hold.appendHolding(store, streamId, events, expected, holdMs),
    globalEventIdUniqueness: true,
    dispose: async () => {
      await store.close();
      await dropEventStoreSchema(admin, schema);
    },
  };
});
