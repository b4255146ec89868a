import { createApiApp, seedDemo } from '@recon/http-api';
import type { EventStore } from '@recon/event-store';
import { DEVELOPMENT_KEYS, loadSettings } from '@recon/platform';
import { asOfReplayOn, openReadModels } from '@recon/read-models';
import { readModelSchemaFor, startEmbeddedProjections } from '../runtime/embedded-projections';
import { openEventStore } from '../runtime/open-event-store';

async function headPosition(store: EventStore): Promise<bigint> {
  let head = 0n;
  for (;;) {
    const page = await store.readAll({ after: head, maxCount: 1000 });
    if (page.length === 0) return head;
    head = page[page.length - 1]!.globalPosition;
  }
}

/** What `recon start` does; loaded only when that command runs. */
export async function start(options: { seed: boolean; port?: string }): Promise<void> {
  const settings = loadSettings({ ...process.env, ...(options.port ? { PORT: options.port } : {}) });
  const runtime = await openEventStore(settings);
  // Production runs the relay and the Kafka projector as their own processes; embedded mode
  // projects in process so that one command gives a working system.
  const projections =
    settings.RECON_MODE === 'embedded' && runtime.readModels
      ? await startEmbeddedProjections(runtime.store, runtime.readModels, settings.DATABASE_SCHEMA, (error) => {
          console.error('embedded projector stopped:', error);
          process.exitCode = 1;
        })
      : undefined;
  // Production: the Kafka projector fills the read models; the API only reads them (and sends the
  // reconciler's outbox), in the schema next to the event store's.
  const asOf = runtime.readModels ? asOfReplayOn(runtime.readModels, runtime.store) : undefined;
  const readModels = projections
    ? { dataSource: projections.dataSource, schema: projections.schema, asOf }
    : runtime.readModels
      ? { dataSource: await openReadModels({ ...runtime.readModels, schema: readModelSchemaFor(settings.DATABASE_SCHEMA) }), schema: readModelSchemaFor(settings.DATABASE_SCHEMA), asOf }
      : undefined;
  const app = await createApiApp({ settings, store: runtime.store, ...(readModels ? { readModels } : {}) });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    try {
      await app.close();
      await projections?.close();
    if (!projections) await readModels?.dataSource.destroy();
      await runtime.close();
    } catch (error) {
      console.error('shutdown failed:', error);
      process.exitCode = 1;
    }
    process.exit(process.exitCode ?? 0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  await app.init(); // registers the CQRS handlers the demo seed sends its commands through
  const seeded = settings.RECON_SEED_DEMO === 'true' && options.seed ? await seedDemo(app, new Date().toISOString()) : undefined;
  if (projections) {
    // Projecting starts after the seed, so the demo is reconciled in one pass (no transient breaks
    // while its events arrive one by one), and the banner shows once it is projected.
    await projections.start();
    await projections.runner.waitFor(await headPosition(runtime.store));
  }
  await app.listen(settings.PORT, settings.HOST);
  const url = `http://${settings.HOST}:${settings.PORT}`;
  const lines = [
    `recon is running (${settings.RECON_MODE}, event store: ${runtime.description})`,
    `  API          ${url}`,
    `  web app      ${url}/app/ (sign in with an API key)`,
    `  OpenAPI      ${url}/docs`,
    `  health       ${url}/health`,
  ];
  if (projections) lines.push(`  read models  schema ${projections.schema}, projected in process`);
  if (seeded !== undefined) lines.push(`  demo         seeded (${seeded} new events): assets bAAPL and bCSPX on chains 1 and 8453`);
  if (settings.RECON_MODE === 'embedded') {
    lines.push('  development keys (embedded mode only), send as X-API-Key:');
    for (const { key, role } of DEVELOPMENT_KEYS) lines.push(`    ${role.padEnd(10)} ${key}`);
    lines.push(`  try: curl -H 'X-API-Key: ${DEVELOPMENT_KEYS[0].key}' ${url}/streams/asset-bAAPL`);
  }
  console.log(lines.join('\n'));
}
