import { Command } from 'commander';

export interface ReplayOptions {
  asOf?: string;
  knownAt?: string;
  upTo?: string;
  asset?: string;
  progress?: boolean;
  seed: boolean;
}

/**
 * `recon replay`: reconciliation state as of a business time and as known at a system time ("what
 * did we know on 3 March about 28 February"), rebuilt in a throwaway schema, printed as JSON.
 */
export function replayCommand(): Command {
  return new Command('replay')
    .description('Rebuild collateralization as of a business time, as known at a system time (never touches the live read models)')
    .option('--as-of <time>', 'business time: facts dated before it count (a date means its end); default: everything')
    .option('--known-at <time>', 'system time: only events recorded by then; default: everything stored')
    .option('--up-to <position>', 'read the global log no further than this position')
    .option('--asset <assetId>', 'one asset only')
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .option('--no-seed', 'embedded mode: do not seed the demo into an empty store')
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs: help stays fast
    .action(async (options: ReplayOptions) => (require('../actions/replay') as typeof import('../actions/replay')).replay(options));
}
