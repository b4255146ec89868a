/**
 * kill -9 of the relay process at random points, again and again, while events are appended: in the
 * end every event is on the topic at least once, each key's events in store order once duplicates
 * are removed, and a consumer deduping by event id rebuilds exactly the store's `$all`.
 * Seeded (RELAY_CRASH_SEED) so a failing run can be replayed with the same kill schedule.
 */
import { Pool } from 'pg';
import { createPostgresEventStore, PostgresEventStore } from '@recon/event-store';
import {
  analyzeTopic,
  appendRandom,
  between,
  deleteTopic,
  dropSchema,
  prng,
  readCheckpoint,
  readWholeStore,
  TEST_BROKERS,
  TEST_DATABASE_URL,
  TopicReader,
  uniqueName,
  waitUntil,
} from '../../../libs/messaging/src/relay/testing/relay-test-kit';
import { RelayProcess } from './support/relay-process';

// About 90 s on an idle two-core machine; the margin is for a loaded one, not a threshold.
jest.setTimeout(400_000);

const SEED = Number(process.env.RELAY_CRASH_SEED ?? 20240601);
const KILLS = 24;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('relay process killed with SIGKILL at random points', () => {
  const schema = uniqueName('relay_crash');
  const topic = uniqueName('relay-crash');
  let pool: Pool;
  let store: PostgresEventStore;
  let reader: TopicReader | undefined;

  beforeAll(async () => {
    pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 4 });
    store = await createPostgresEventStore({ pool, schema });
  });

  afterAll(async () => {
    await RelayProcess.killAll();
    await reader?.stop();
    await store?.close();
    await dropSchema(pool, schema).catch(() => undefined);
    await pool?.end();
    await deleteTopic(TEST_BROKERS, topic);
  });

  it(`loses nothing and keeps per-key order over ${KILLS} kills and restarts (seed ${SEED})`, async () => {
    const rng = prng(SEED);
    const appendRng = prng(SEED + 1);
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      KAFKA_BROKERS: TEST_BROKERS.join(','),
      RELAY_NAME: 'crash-relay',
      KAFKA_TOPIC: topic,
      KAFKA_TOPIC_PARTITIONS: '4',
      RELAY_BATCH_SIZE: '20', // small batches: many ack → checkpoint windows to land a kill in
      RELAY_LINGER_MS: '2',
    };

    let appending = true;
    let appended = 0;
    const appender = (async () => {
      while (appending) {
        appended += await appendRandom(store, appendRng, 5);
        if (appendRng() < 0.3) await sleep(between(appendRng, 1, 8));
      }
    })();

    const checkpoints: bigint[] = [];
    let killedWhileRelaying = 0;
    try {
      for (let round = 0; round < KILLS; round++) {
        const relay = RelayProcess.start(env);
        if (rng() < 0.2) {
          await sleep(between(rng, 50, 900)); // somewhere in start-up
        } else {
          const relaying = await relay.relaying();
          if (!relaying) throw new Error(`relay exited on its own:\n${relay.stderr}`);
          await sleep(between(rng, 0, 700)); // somewhere while publishing
          killedWhileRelaying += relay.alive ? 1 : 0;
        }
        const exit = await relay.kill('SIGKILL');
        if (exit.signal !== 'SIGKILL') throw new Error(`relay exited before the kill (${JSON.stringify(exit)}):\n${relay.stderr}`);
        checkpoints.push((await readCheckpoint(pool, schema, 'crash-relay')) ?? 0n);
      }
    } finally {
      appending = false;
      await appender;
    }

    // A last, undisturbed run catches up; SIGTERM then stops it cleanly.
    const stored = await readWholeStore(store);
    expect(stored).toHaveLength(appended);
    const last = stored.at(-1)!.globalPosition;
    const final = RelayProcess.start(env);
    await waitUntil('the final relay to reach the last position', async () => (await readCheckpoint(pool, schema, 'crash-relay')) === last, 60_000);
    expect(await final.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(await readCheckpoint(pool, schema, 'crash-relay')).toBe(last);

    reader = new TopicReader(TEST_BROKERS, topic);
    await reader.start();
    await reader.drain();
    const analysis = analyzeTopic(reader.messages, stored);
    console.log(
      `seed ${SEED}: ${KILLS} kills (${killedWhileRelaying} while relaying), ${stored.length} events, ` +
        `${analysis.messages} messages, ${analysis.duplicates} duplicates; checkpoints after each kill: ${checkpoints.join(' ')}`,
    );
    expect(analysis.problems).toEqual([]);
    expect(analysis.reconstructed).toEqual(stored);
    expect(new Set(analysis.reconstructed.map((e) => e.eventId)).size).toBe(stored.length);
    // the kills happened while there was work to do: the checkpoint moved between kills
    expect(killedWhileRelaying).toBeGreaterThanOrEqual(KILLS / 2);
    expect(new Set(checkpoints.map(String)).size).toBeGreaterThan(KILLS / 4);
  });
});
