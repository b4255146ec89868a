import { Admin, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { dumpReadModels, openReadModels, rebuildReadModels } from '@recon/read-models';
import { generateEvents, prng } from './support/generator';
import {
  appendAll, createTopic, DATABASE_URL, dropSchemas, kafka, killProcess, openStore, produceEvents, ProjectorProcess, readAllEvents, spawnProjector,
  uniqueName, waitUntilConsumed,
} from './support/harness';

jest.setTimeout(300_000);

let pool: Pool;
let admin: Admin;
let producer: Producer;
const schemas: string[] = [];
const children = new Set<ProjectorProcess>();

beforeAll(async () => {
  pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
});

afterAll(async () => {
  for (const child of children) await killProcess(child);
  await producer?.disconnect();
  await admin?.disconnect();
  await dropSchemas(pool, ...schemas);
  await pool?.end();
});

const storedProgress = async (schema: string, group: string): Promise<bigint> => {
  const res = await pool
    .query<{ n: string | null }>(`SELECT sum(next_offset)::text AS n FROM "${schema}".consumer_offsets WHERE group_id = $1`, [group])
    .catch(() => ({ rows: [{ n: null }] }));
  return BigInt(res.rows[0]?.n ?? '0');
};

test('kill -9 of the projector process at 20 random points, with redelivered messages: the tables equal a clean replay', async () => {
  const es = uniqueName('es');
  // The projector reads DATABASE_SCHEMA as the deployment's schema and writes the read models beside it, in <schema>_read.
  const deployment = uniqueName('rm');
  const rm = `${deployment}_read`;
  const clean = uniqueName('rb');
  schemas.push(es, rm, clean);
  const store = await openStore(pool, es);
  await appendAll(store, generateEvents(37, 5_000, 'b').appends);
  const events = await readAllEvents(store);
  const topic = uniqueName('t');
  const group = uniqueName('g');
  await createTopic(admin, topic);
  // The broker's minimum session timeout (6 s) bounds how fast a restart replaces a killed member.
  // Small fetches and transactions make each incarnation work through its backlog in many commits, so
  // the kills land between commits with work still to do, however fast the machine projects.
  const env = {
    DATABASE_URL, DATABASE_SCHEMA: deployment, KAFKA_TOPIC: topic, KAFKA_GROUP: group, KAFKA_SESSION_TIMEOUT_MS: '6000',
    PROJECTOR_MAX_EVENTS_PER_TRANSACTION: '50', KAFKA_MAX_BYTES_PER_PARTITION: '16384',
  };

  const random = prng(20250101);
  const kills = 20;
  const chunk = Math.ceil(events.length / (kills + 2));
  let produced = 0;
  let redelivered = 0;
  let midWork = 0;
  for (let i = 0; i < kills; i++) {
    await produceEvents(producer, topic, events.slice(produced, produced + chunk));
    produced += chunk;
    if (random() < 0.4) {
      const from = Math.floor(random() * (produced - 60));
      await produceEvents(producer, topic, events.slice(from, from + 60)); // redelivery
      redelivered += 60;
    }
    const before = await storedProgress(rm, group);
    const child = spawnProjector(env);
    children.add(child);
    // Wait until this incarnation has committed something, then kill it a random moment later.
    const deadline = Date.now() + 60_000;
    while ((await storedProgress(rm, group)) === before && child.child.exitCode === null) {
      if (Date.now() > deadline) throw new Error(`projector made no progress:\n${child.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (child.child.exitCode !== null) throw new Error(`projector exited with ${child.child.exitCode}:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 120)));
    const atKill = await storedProgress(rm, group);
    await killProcess(child, 'SIGKILL');
    children.delete(child);
    const ends = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + BigInt(p.high), 0n);
    if (atKill < ends) midWork += 1;
  }
  expect(redelivered).toBeGreaterThan(0);
  // Most kills must land while there was still work to do, or the test proves little.
  expect(midWork).toBeGreaterThanOrEqual(kills / 2);

  await produceEvents(producer, topic, events.slice(produced));
  const last = spawnProjector(env);
  children.add(last);
  await waitUntilConsumed(pool, admin, rm, topic, group);
  last.child.kill('SIGTERM');
  expect(await last.exited).toBe(0);
  children.delete(last);

  const dataSource = await openReadModels({ url: DATABASE_URL, schema: clean, poolSize: 2 });
  try {
    await rebuildReadModels({ dataSource, schema: clean, store });
    const live = await dumpReadModels(dataSource, rm);
    expect(live.processed_events).toHaveLength(events.length);
    expect(live).toEqual(await dumpReadModels(dataSource, clean));
  } finally {
    await dataSource.destroy();
  }
});
