import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ChainWatcher, DeploymentConfigError, InvalidWatcherSettingsError, loadWatcherSettings, UnrecoverableReorgError } from '@recon/chain';
import { createPostgresEventStore } from '@recon/event-store';

/**
 * `recon chain resync --chain <id> --contract <address>`: what the chain watcher asks an operator to
 * run when it stops on a reorg it does not recover from on its own (exit 2). With the watcher's own
 * settings (DATABASE_URL, DATABASE_SCHEMA, CHAIN_DEPLOYMENTS), it recovers that deployment however deep
 * the reorg: the stream's transfers on blocks the chain no longer has are reverted and the cursor goes
 * back to the fork, from where the watcher, started again, reads the chain anew. Exit 0 when done or
 * when nothing needed it, 2 when the settings or the deployment's start block need fixing first.
 */
export function chainCommand(): Command {
  const chain = new Command('chain').description('Chain watcher maintenance');
  chain
    .command('resync')
    .description('Recover a deployment\'s chain stream from a reorg the watcher stopped on')
    .requiredOption('--chain <id>', 'chain id of the deployment, as in CHAIN_DEPLOYMENTS')
    .requiredOption('--contract <address>', 'token contract address of the deployment')
    .action(async (options: { chain: string; contract: string }) => {
      try {
        console.log(await resync(options.chain, options.contract));
      } catch (error) {
        if (!(error instanceof InvalidWatcherSettingsError || error instanceof DeploymentConfigError || error instanceof UnrecoverableReorgError)) throw error;
        console.error(error.message);
        process.exitCode = 2;
      }
    });
  return chain;
}

async function resync(chainId: string, contract: string): Promise<string> {
  const settings = loadWatcherSettings(process.env, (path) => readFileSync(path, 'utf8'));
  const deployment = settings.deployments.find((d) => String(d.chainId) === chainId && d.contractAddress === contract.toLowerCase());
  if (!deployment) throw new InvalidWatcherSettingsError(`no deployment of ${contract} on chain ${chainId} in CHAIN_DEPLOYMENTS`);
  const store = await createPostgresEventStore({ connectionString: settings.databaseUrl, schema: settings.databaseSchema, poolConfig: { max: 2 } });
  try {
    const watcher = new ChainWatcher(deployment, store);
    const done = await watcher.resync();
    if (!done) return `chain ${chainId} ${deployment.contractAddress}: the cursor at block ${watcher.cursor ?? 'none'} is on the canonical chain: nothing to resync`;
    return `chain ${chainId} ${deployment.contractAddress}: reverted ${done.revertedTransfers} transfers on orphaned blocks; the watcher reads again from block ${done.fork + 1}`;
  } finally {
    await store.close();
  }
}
