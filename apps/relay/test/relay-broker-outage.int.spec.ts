/**
 * The broker goes away (kafka.sh stop) and comes back (kafka.sh start) while the relay process runs
 * and events keep being appended: the relay keeps its checkpoint while sends fail, retries the same
 * batch, and in the end nothing is lost and each key is in order.
 *
 * It runs its own broker (own KAFKA_PORT and data directory, see DedicatedBroker), so stopping it
 * disturbs neither the tests running beside it nor anyone else using the shared broker. The broker
 * is restarted in `finally` when the test fails while it is down, and removed in `afterAll`.
 */
import { Pool } from 'pg';
import { createPostgresEventStore, PostgresEventStore } from '@recon/event-store';
import {
  analyzeTopic,
  appendRandom,
  between,
  dropSchema,
  prng,
  readCheckpoint,
  readWholeStore,
  TEST_DATABASE_URL,
  TopicReader,
  uniqueName,
  waitUntil,
} from '../../../libs/messaging/src/relay/testing/relay-test-kit';
import { DedicatedBroker } from './support/dedicated-broker';
import { RelayProcess } from './support/relay-process';

jest.setTimeout(240_000);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('relay process while the Kafka broker is stopped and started again', () => {
  const schema = uniqueName('relay_outage');
  const topic = uniqueName('relay-outage');
  let pool: Pool;
  let store: PostgresEventStore;
  let broker: DedicatedBroker | undefined;
  let reader: TopicReader | undefined;

  beforeAll(async () => {
    pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 4 });
    store = await createPostgresEventStore({ pool, schema });
    broker = await DedicatedBroker.create();
    await broker.start();
  });

  afterAll(async () => {
    await RelayProcess.killAll();
    await reader?.stop();
    await broker?.destroy();
    await store?.close();
    await dropSchema(pool, schema).catch(() => undefined);
    await pool?.end();
  });

  it('keeps the checkpoint while the broker is down and publishes everything once it is back', async () => {
    const b = broker!;
    const rng = prng(4242);
    const relay = RelayProcess.start({
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      KAFKA_BROKERS: b.brokers.join(','),
      RELAY_NAME: 'outage-relay',
      KAFKA_TOPIC: topic,
      RELAY_BATCH_SIZE: '50',
    });

    let appending = true;
    let appended = 0;
    const appender = (async () => {
      while (appending) {
        appended += await appendRandom(store, rng, 4);
        await sleep(between(rng, 2, 15));
      }
    })();

    let brokerDown = false;
    try {
      expect(await relay.relaying()).toBe(true);
      await waitUntil('first events published', async () => ((await readCheckpoint(pool, schema, 'outage-relay')) ?? 0n) > 0n);

      await b.stop();
      brokerDown = true;
      const atStop = await readCheckpoint(pool, schema, 'outage-relay');
      const appendedAtStop = appended;
      await waitUntil('the relay to notice the outage', () => relay.stderr.includes('send failed; retrying the same batch'), 60_000);
      await sleep(3_000);
      // nothing acknowledged, nothing checkpointed, although events kept coming
      expect(await readCheckpoint(pool, schema, 'outage-relay')).toBe(atStop);
      expect(appended).toBeGreaterThan(appendedAtStop);
      expect(relay.alive).toBe(true);

      await b.start();
      brokerDown = false;
      await waitUntil('publishing resumed', async () => ((await readCheckpoint(pool, schema, 'outage-relay')) ?? 0n) > atStop!, 90_000);
    } finally {
      appending = false;
      await appender;
      if (brokerDown) await b.start(); // restore the broker even when the test failed while it was down
    }

    const stored = await readWholeStore(store);
    expect(stored).toHaveLength(appended);
    const last = stored.at(-1)!.globalPosition;
    await waitUntil('the relay to reach the last position', async () => (await readCheckpoint(pool, schema, 'outage-relay')) === last, 90_000);
    expect(relay.alive).toBe(true); // it rode out the outage, no restart needed
    expect(await relay.kill('SIGTERM')).toEqual({ code: 0, signal: null });

    reader = new TopicReader(b.brokers, topic);
    await reader.start();
    await reader.drain();
    const analysis = analyzeTopic(reader.messages, stored);
    console.log(`broker outage: ${stored.length} events, ${analysis.messages} messages, ${analysis.duplicates} duplicates`);
    expect(analysis.problems).toEqual([]);
    expect(analysis.reconstructed).toEqual(stored);
  });
});
