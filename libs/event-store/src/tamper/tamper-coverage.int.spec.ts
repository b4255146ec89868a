import { Pool } from 'pg';
import { createPostgresEventStore, PostgresEventStore } from '../postgres/postgres-event-store';
import { dropEventStoreSchema } from '../postgres/schema';

// Every single-row tampering an intruder with SQL access can do (alter, delete, swap with the next
// row) at every position of a small store, each verified from a pristine copy: all must be caught.
const connectionString = process.env.EVENT_STORE_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const schema = `es_coverage${process.pid}_${Date.now().toString(36)}`;
const EVENTS = 12;
let admin: Pool;
let store: PostgresEventStore;

jest.setTimeout(60_000);

beforeAll(async () => {
  admin = new Pool({ connectionString, max: 2 });
  store = await createPostgresEventStore({ connectionString, schema, poolConfig: { max: 2 } });
  const streams = ['asset-1', 'trade-1', 'custody-B-A'];
  for (let i = 0; i < EVENTS; i++) {
    const streamId = streams[i % streams.length]!;
    const version = await store.streamVersion(streamId);
    await store.appendToStream(streamId, [{ eventId: `e${i}`, type: 'Tested', schemaVersion: 1, data: { i, amount: `${i}.5` }, metadata: { actor: 't' } }],
      version < 0 ? 'no_stream' : version);
  }
  await sql(`CREATE TABLE $S.events_pristine AS TABLE $S.events`);
});

afterAll(async () => {
  await store.close();
  await dropEventStoreSchema(admin, schema);
  await admin.end();
});

const sql = (text: string) => admin.query(text.replaceAll('$S', `"${schema}"`));
const restore = () => sql(`DELETE FROM $S.events; INSERT INTO $S.events SELECT * FROM $S.events_pristine`);

const tamperings: ReadonlyArray<[string, (p: number) => string]> = [
  ['update', (p) => `UPDATE $S.events SET data = jsonb_set(data, '{amount}', '"999.5"') WHERE global_position = ${p}`],
  ['delete', (p) => `DELETE FROM $S.events WHERE global_position = ${p}`],
  ['reorder', (p) => `UPDATE $S.events SET global_position = -1 WHERE global_position = ${p};
                      UPDATE $S.events SET global_position = ${p} WHERE global_position = ${p + 1};
                      UPDATE $S.events SET global_position = ${p + 1} WHERE global_position = -1`],
];

it.each(tamperings)('should detect every %s, at every position, naming the position', async (kind, tamper) => {
  await expect(store.verifyChain()).resolves.toMatchObject({ ok: true, checked: EVENTS });
  const positions = Array.from({ length: kind === 'reorder' ? EVENTS - 1 : EVENTS }, (_, i) => i + 1);
  const missed: number[] = [];
  for (const p of positions) {
    await sql(tamper(p));
    const result = await store.verifyChain();
    if (result.ok || result.firstBroken.globalPosition !== BigInt(p)) missed.push(p);
    await restore();
  }
  expect(missed).toEqual([]);
  expect(positions).toHaveLength(kind === 'reorder' ? EVENTS - 1 : EVENTS);
});
