import { readFileSync } from 'node:fs';
import { ChainWatcher, DeploymentConfigError, InvalidWatcherSettingsError, loadWatcherSettings, UnrecoverableReorgError } from '@recon/chain';
import { createPostgresEventStore } from '@recon/event-store';

/** What `recon chain resync` does; loaded only when that command runs. */
export async function chainResync(options: { chain: string; contract: string }): Promise<void> {
  try {
    console.log(await resync(options.chain, options.contract));
  } catch (error) {
    if (!(error instanceof InvalidWatcherSettingsError || error instanceof DeploymentConfigError || error instanceof UnrecoverableReorgError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
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
