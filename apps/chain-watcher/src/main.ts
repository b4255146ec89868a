/**
 * The chain watcher process: follows every configured token deployment and appends what it sees to
 * the event store (PostgreSQL), one chain stream per deployment.
 *
 *   DATABASE_URL=postgres://... CHAIN_DEPLOYMENTS=deployments.json node -r ./scripts/register-paths.js dist/apps/chain-watcher/src/main.js
 *
 * Bad settings, an RPC URL that does not answer as the configured chain, or no token at the
 * configured address exit 2 with a message naming it; so does a reorg deeper than maxReorgDepth or
 * one that took the contract's deployment with it, naming `recon chain resync`. SIGTERM or SIGINT stop it (exit 0).
 * Log lines are JSON on stderr.
 */
import { readFileSync } from 'node:fs';
import { ChainWatcherPool, DeploymentConfigError, InvalidWatcherSettingsError, loadWatcherSettings, UnrecoverableReorgError } from '@recon/chain';
import { createPostgresEventStore } from '@recon/event-store';

function log(line: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'chain-watcher', pid: process.pid, ...line })}\n`);
}

async function main(): Promise<number> {
  const settings = loadWatcherSettings(process.env, (path) => readFileSync(path, 'utf8'));
  const store = await createPostgresEventStore({ connectionString: settings.databaseUrl, schema: settings.databaseSchema, poolConfig: { max: 2 } });
  // One bounded pool for every deployment: at most CHAIN_CONCURRENCY scans at once, totalSupply() of a chain's tokens read together.
  const pool = new ChainWatcherPool(settings.deployments, store, {
    concurrency: settings.concurrency,
    pollIntervalMs: settings.pollIntervalMs,
    log: (msg) => log({ msg }),
    onRetry: (what, attempt, error) => log({ msg: 'retrying', what, attempt, error: (error as Error).message.split('\n')[0] }),
  });
  const watchers = pool.watchers;
  try {
    await pool.start();
  } catch (error) {
    await store.close();
    throw error;
  }
  const stop = (signal: string) => {
    log({ msg: 'stopping', signal });
    pool.stop();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  log({ msg: 'started', deployments: settings.deployments.map((d) => ({ assetId: d.assetId, chainId: d.chainId, contract: d.contractAddress, cursor: watchers.find((w) => w.deployment === d)?.cursor ?? null })) });
  await pool.run();
  await store.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    const configuration = error instanceof InvalidWatcherSettingsError || error instanceof DeploymentConfigError;
    // A reorg it does not recover from on its own is for an operator too: the message names the command to run.
    const reorg = error instanceof UnrecoverableReorgError;
    log({ msg: configuration ? 'invalid configuration' : reorg ? 'reorg left to an operator' : 'failed', error: error.message });
    process.exit(configuration || reorg ? 2 : 1);
  },
);
