// Projector process: Kafka integration topic → read models in PostgreSQL.
// node -r @swc-node/register apps/projector/src/main.ts
// Settings (libs/platform settings, shared by every process): DATABASE_URL (required), DATABASE_SCHEMA (recon;
//      read models in <DATABASE_SCHEMA>_read), KAFKA_BROKERS (127.0.0.1:19092),
//      KAFKA_TOPIC (recon.events.v1), KAFKA_GROUP (recon-projector), KAFKA_SESSION_TIMEOUT_MS (10000),
//      PROJECTOR_MAX_EVENTS_PER_TRANSACTION (4000), KAFKA_MAX_BYTES_PER_PARTITION (2097152).
import { InvalidSettingsError } from '@recon/platform';
import { projectorConfigFrom } from './config';
import { createProjector } from './projector';

const log = (line: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), pid: process.pid, ...line })}\n`);
};

async function main(): Promise<void> {
  const config = projectorConfigFrom(process.env);
  const projector = await createProjector({ ...config, log });
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      log({ msg: 'stopping', signal });
      try {
        await projector.stop();
        log({ msg: 'stopped', stats: projector.consumer.stats });
        process.exit(0);
      } catch (error) {
        log({ msg: 'stop failed', error: String(error) });
        process.exit(1);
      }
    })();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await projector.start();
  log({ msg: 'projector running', topic: config.topic, group: config.groupId, schema: config.schema });
}

main().catch((error: unknown) => {
  if (error instanceof InvalidSettingsError) {
    process.stderr.write(`projector: invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`projector: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
