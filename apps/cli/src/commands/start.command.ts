import { Command } from 'commander';
import { createApiApp } from '../../../api/src/create-api-app';
import { seedDemo } from '../../../api/src/demo/demo-seed';
import { DEVELOPMENT_KEYS, loadSettings } from '@recon/platform';
import { openEventStore } from '../runtime/open-event-store';

/**
 * `recon start`: everything in one process. Embedded by default (PGlite, no database server), with
 * the demo seeded unless RECON_SEED_DEMO=false or --no-seed.
 */
export function startCommand(): Command {
  return new Command('start')
    .description('Start the API (embedded: PGlite and a seeded demo; production: settings from the environment)')
    .option('--no-seed', 'do not seed the demo data')
    .option('-p, --port <port>', 'HTTP port (overrides PORT)')
    .action(async (options: { seed: boolean; port?: string }) => {
      const settings = loadSettings({ ...process.env, ...(options.port ? { PORT: options.port } : {}) });
      const runtime = await openEventStore(settings);
      const app = await createApiApp({ settings, store: runtime.store });
      app.enableShutdownHooks();
      let closing = false;
      const shutdown = async () => {
        if (closing) return;
        closing = true;
        await app.close();
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);

      const seeded = settings.RECON_SEED_DEMO === 'true' && options.seed ? await seedDemo(app, new Date().toISOString()) : undefined;
      await app.listen(settings.PORT, settings.HOST);
      const url = `http://${settings.HOST}:${settings.PORT}`;
      const lines = [
        `recon is running (${settings.RECON_MODE}, event store: ${runtime.description})`,
        `  API          ${url}`,
        `  OpenAPI      ${url}/docs`,
        `  health       ${url}/health`,
      ];
      if (seeded !== undefined) lines.push(`  demo         seeded (${seeded} new events): assets bAAPL and bCSPX on chains 1 and 8453`);
      if (settings.RECON_MODE === 'embedded') {
        lines.push('  development keys (embedded mode only), send as X-API-Key:');
        for (const { key, role } of DEVELOPMENT_KEYS) lines.push(`    ${role.padEnd(10)} ${key}`);
        lines.push(`  try: curl -H 'X-API-Key: ${DEVELOPMENT_KEYS[0].key}' ${url}/streams/asset-bAAPL`);
      }
      console.log(lines.join('\n'));
    });
}
