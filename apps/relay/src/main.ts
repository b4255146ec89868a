/**
 * The relay process: event store `$all` (PostgreSQL) → Kafka, checkpointed in PostgreSQL.
 *
 *   DATABASE_URL=postgres://... node -r @swc-node/register apps/relay/src/main.ts   (development)
 *   node dist/apps/relay/src/main.js                                                (built)
 *
 * Settings: see relay-settings.ts / apps/relay/README.md. SIGTERM or SIGINT stop it gracefully (exit 0);
 * bad settings exit 2; a fatal relay error (e.g. another relay moved the checkpoint) exits 1.
 * Log lines are JSON on stderr: start, stop, failures, and a progress line at most every 10 s.
 */
import { Pool } from 'pg';
import { createPostgresEventStore } from '@recon/event-store';
import { createKafkaRelay } from '@recon/messaging';
import { InvalidSettingsError } from '@recon/platform';
import { loadRelaySettings, RelaySettings } from './relay-settings';

const PROGRESS_EVERY_MS = 10_000;

function log(line: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'relay', pid: process.pid, ...line })}\n`);
}

async function main(settings: RelaySettings): Promise<number> {
  // One pool for the store (subscription reads, LISTEN) and the checkpoint writes.
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 4, connectionTimeoutMillis: 5_000 });
  pool.on('error', (error) => log({ msg: 'idle database connection lost', error: String(error) }));
  let progressAt = Date.now();
  let sinceProgress = 0;
  const store = await createPostgresEventStore({ pool, ownsPool: false, schema: settings.databaseSchema });
  const relay = createKafkaRelay({
    name: settings.relayName,
    store,
    pool,
    schema: settings.databaseSchema,
    brokers: settings.kafkaBrokers,
    topic: settings.topic,
    partitions: settings.topicPartitions,
    maxBatchSize: settings.maxBatchSize,
    lingerMs: settings.lingerMs,
    clientId: `recon-relay-${settings.relayName}`,
    log,
    onCheckpoint: (position, events) => {
      sinceProgress += events;
      if (Date.now() - progressAt < PROGRESS_EVERY_MS) return;
      log({ msg: 'progress', published: sinceProgress, checkpoint: position.toString() });
      progressAt = Date.now();
      sinceProgress = 0;
    },
  });

  let stopping: Promise<void> | undefined;
  const stop = (signal: string): void => {
    if (stopping) return;
    log({ msg: 'stopping', signal });
    stopping = relay.stop();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  let code = 0;
  try {
    await relay.start();
    log({ msg: 'relaying', topic: settings.topic, brokers: settings.kafkaBrokers.join(','), schema: settings.databaseSchema });
    await relay.done;
  } catch (error) {
    log({ msg: 'fatal', error: String(error) });
    code = 1;
  }
  await (stopping ?? relay.stop());
  await store.close();
  await pool.end();
  return code;
}

let settings: RelaySettings;
try {
  settings = loadRelaySettings();
} catch (error) {
  process.stderr.write(`${error instanceof InvalidSettingsError ? error.message : String(error)}\n`);
  process.exit(2);
}
main(settings).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log({ msg: 'fatal', error: String(error) });
    process.exit(1);
  },
);
