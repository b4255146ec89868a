/**
 * projector.scale.1 / .2 / .4: 1, 2 and 4 projector processes (started as `npm run projector` starts
 * one) in one consumer group over a 12-partition topic, projecting the same BENCH_SCALE_EVENTS events
 * (default 20,000, the projector tests' mix) into one read-model schema. The projectors join the
 * group on an empty topic first; the relay (in this process) then publishes the events, and the time
 * runs from its start until the group's committed offsets (in the read models, written in the same
 * transactions as the rows) cover every event. Per instance: the events of the partitions it was
 * assigned, over the same time.
 *
 * One run per instance count (starting processes and rebalancing take longer than the projection,
 * so the paired harness would not fit in two minutes): `value` is the total events/s, `baseline` the
 * single instance's, `ratio` the scaling. On two cores the total cannot grow much: the processes,
 * PostgreSQL and the broker share them; what must hold is that the work per instance halves as the
 * instances double.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { createPostgresEventStore, dropEventStoreSchema } from '@recon/event-store';
import { createKafkaRelay } from '@recon/messaging';
import { AppProcess } from './support/app-process';
import { BenchResult, round } from './support/measure';
import { until } from './support/wait';
import { appendWorkload } from './support/workload';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const EVENTS = Number(process.env.BENCH_SCALE_EVENTS ?? 20_000);
const PARTITIONS = 12;
const INSTANCES = [1, 2, 4];

export async function run(): Promise<BenchResult[]> {
  const tag = randomBytes(4).toString('hex');
  const es = `bench_scale_${tag}`;
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  const kafka = new Kafka({ clientId: 'bench-scale', brokers: BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics: string[] = [];
  const schemas: string[] = [];
  const store = await createPostgresEventStore({ pool, schema: es, listen: false });
  const results: BenchResult[] = [];
  try {
    console.error(`projector.scale: appending ${EVENTS} events`);
    const count = await appendWorkload(store, EVENTS, tag);
    let single: number | undefined;
    for (const instances of INSTANCES) {
      const topic = `bench-scale-${tag}-${instances}`;
      const deployment = `bench_scale_${tag}_${instances}`;
      const rm = `${deployment}_read`;
      const group = `bench-scale-${tag}-${instances}`;
      topics.push(topic);
      schemas.push(rm);
      await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
      const start = (): AppProcess => new AppProcess('projector', { DATABASE_URL, DATABASE_SCHEMA: deployment, KAFKA_BROKERS: BROKERS.join(','), KAFKA_TOPIC: topic, KAFKA_GROUP: group });
      const assignment = (app: AppProcess): number[] => (app.logLines('assigned').at(-1)?.partitions as number[] | undefined) ?? [];
      // The first instance joins before the others start, so the single-instance figure is measured from a settled group.
      const apps = [start()];
      try {
        await until(() => apps[0]!.assertAlive() && assignment(apps[0]!).length > 0, 120_000, 'the first projector joined its group');
        while (apps.length < instances) apps.push(start());
        // Every instance holds a share and together they hold all 12 partitions: the group is settled.
        await until(() => apps.every((app) => app.assertAlive() && assignment(app).length > 0) && new Set(apps.flatMap(assignment)).size === PARTITIONS
          && apps.reduce((sum, app) => sum + assignment(app).length, 0) === PARTITIONS, 120_000, `${instances} projectors share the ${PARTITIONS} partitions`);
        const relay = createKafkaRelay({ name: `bench-scale-${tag}-${instances}`, store, pool, schema: es, brokers: BROKERS, topic, partitions: PARTITIONS });
        const started = process.hrtime.bigint();
        await relay.start();
        const offsets = async (): Promise<Map<number, number>> => new Map((await pool.query<{ partition: number; next_offset: string }>(
          `SELECT partition, next_offset::text AS next_offset FROM "${rm}".consumer_offsets WHERE group_id = $1 AND topic = $2`, [group, topic]).catch(() => ({ rows: [] }))).rows
          .map((r) => [r.partition, Number(r.next_offset)]));
        let done = new Map<number, number>();
        await until(async () => {
          apps.forEach((app) => app.assertAlive());
          done = await offsets();
          return [...done.values()].reduce((a, b) => a + b, 0) >= count;
        }, 600_000, `${instances} projectors applied every event`);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        await relay.stop();
        const total = count / seconds;
        single ??= total;
        const perInstance = apps.map((app) => assignment(app).reduce((sum, partition) => sum + (done.get(partition) ?? 0), 0));
        console.error(`projector.scale.${instances}: ${Math.round(total)} events/s in all, per instance ${perInstance.join(', ')} events`);
        results.push({
          bench: `projector.scale.${instances}`, unit: 'events/s', value: round(total, 0), baseline: round(single, 0), ratio: round(total / single), n: count, runs: 1, instances, partitions: PARTITIONS,
          seconds: round(seconds, 2), eventsPerInstance: perInstance, eventsPerSecondPerInstance: perInstance.map((events) => round(events / seconds, 0)),
          note: `${instances} projector process${instances === 1 ? "" : "es"} in one group over ${PARTITIONS} partitions; baseline: one instance`,
        });
      } finally {
        for (const app of apps) {
          const code = await app.stop();
          if (code !== 0) console.error(`projector exited with ${code}:\n${app.tail()}`);
        }
      }
    }
    return results;
  } finally {
    await store.close();
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await dropEventStoreSchema(pool, es).catch(() => undefined);
    await pool.end();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}
