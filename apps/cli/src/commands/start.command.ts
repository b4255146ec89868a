import { Command } from 'commander';

/**
 * `recon start`: everything in one process. Embedded by default (PGlite, no database server), with
 * the demo seeded unless RECON_SEED_DEMO=false or --no-seed.
 */
export function startCommand(): Command {
  return new Command('start')
    .description('Start the API (embedded: PGlite and a seeded demo; production: settings from the environment)')
    .option('--no-seed', 'do not seed the demo data')
    .option('-p, --port <port>', 'HTTP port (overrides PORT)')
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs: help stays fast
    .action(async (options: { seed: boolean; port?: string }) => (require('../actions/start') as typeof import('../actions/start')).start(options));
}
