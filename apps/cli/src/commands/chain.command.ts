import { Command } from 'commander';

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
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs: help stays fast
    .action(async (options: { chain: string; contract: string }) => (require('../actions/chain') as typeof import('../actions/chain')).chainResync(options));
  return chain;
}
