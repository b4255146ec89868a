import { Pool } from 'pg';
import { createPostgresEventStore, PostgresEventStore } from '../postgres/postgres-event-store';
import { dropEventStoreSchema } from '../postgres/schema';

// Tampering is done the way an intruder with database access would: plain SQL on the tables.
const connectionString = process.env.EVENT_STORE_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const run = `es_tamper${process.pid}_${Date.now().toString(36)}`;
let admin: Pool;
let store: PostgresEventStore;
let schema: string;
let n = 0;

beforeAll(() => {
  admin = new Pool({ connectionString, max: 2 });
});
afterAll(async () => {
  await admin.end();
});

beforeEach(async () => {
  schema = `${run}_${++n}`;
  store = await createPostgresEventStore({ connectionString, schema, poolConfig: { max: 2 } });
  const event = (id: string, i: number) => ({ eventId: id, type: 'Tested', schemaVersion: 1, data: { i, amount: `${i}.50` }, metadata: { actor: 't' } });
  // 8 events: asset-1 at positions 1,2,6,7; trade-1 at 3,4,5,8.
  await store.appendToStream('asset-1', [event('a0', 0), event('a1', 1)], 'no_stream');
  await store.appendToStream('trade-1', [event('t0', 2), event('t1', 3), event('t2', 4)], 'no_stream');
  await store.appendToStream('asset-1', [event('a2', 5), event('a3', 6)], 1);
  await store.appendToStream('trade-1', [event('t3', 7)], 2);
});
afterEach(async () => {
  await store.close();
  await dropEventStoreSchema(admin, schema);
});

const sql = (text: string) => admin.query(text.replaceAll('$S', `"${schema}"`));

describe('verifyChain on PostgreSQL', () => {
  it('accepts the untouched chain and reports the head', async () => {
    const result = await store.verifyChain();
    expect(result).toMatchObject({ ok: true, checked: 8, head: { position: 8n, eventId: 't3', streamId: 'trade-1', streamVersion: 3 } });
  });

  it('names the event whose data was updated', async () => {
    await sql(`UPDATE $S.events SET data = jsonb_set(data, '{amount}', '"1000000.50"') WHERE event_id = 't1'`);
    const result = await store.verifyChain();
    expect(result).toMatchObject({
      ok: false,
      checked: 3,
      firstBroken: { reason: 'altered', eventId: 't1', streamId: 'trade-1', streamVersion: 1, globalPosition: 4n },
    });
  });

  it('names the event deleted from the middle', async () => {
    await sql(`DELETE FROM $S.events WHERE event_id = 't1'`);
    const result = await store.verifyChain();
    expect(result).toMatchObject({
      ok: false,
      firstBroken: { reason: 'deleted', globalPosition: 4n, streamId: 'trade-1', streamVersion: 1, nextEvent: { eventId: 't2' } },
    });
  });

  it('names the last event when it is deleted', async () => {
    await sql(`DELETE FROM $S.events WHERE global_position = 8`);
    const result = await store.verifyChain();
    expect(result).toMatchObject({ ok: false, firstBroken: { reason: 'deleted', globalPosition: 8n, eventId: 't3', streamId: 'trade-1', streamVersion: 3 } });
  });

  it('names the moved event when two rows swap positions', async () => {
    await sql(`UPDATE $S.events SET global_position = -1 WHERE global_position = 3;
               UPDATE $S.events SET global_position = 3 WHERE global_position = 6;
               UPDATE $S.events SET global_position = 6 WHERE global_position = -1`);
    const result = await store.verifyChain();
    expect(result).toMatchObject({ ok: false, firstBroken: { reason: 'reordered', globalPosition: 3n, eventId: 'a2', originalPosition: 6n } });
  });

  it('keeps appending after verification and verifies a range', async () => {
    await store.appendToStream('asset-1', [{ eventId: 'a4', type: 'Tested', schemaVersion: 1, data: {}, metadata: {} }], 3);
    await expect(store.verifyChain()).resolves.toMatchObject({ ok: true, checked: 9 });
    await expect(store.verifyChain(4n, 6n)).resolves.toMatchObject({ ok: true, checked: 3 });
  });
});
