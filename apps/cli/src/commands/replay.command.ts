import { Command } from 'commander';
import { loadSettings } from '@recon/platform';
import { currentCollateralization, withBitemporalReplay } from '@recon/read-models';
import { openAuditRuntime } from '../runtime/audit-runtime';
import { ProgressBar } from '../runtime/progress-bar';
import { isoTime, position } from './audit-options';

interface ReplayOptions {
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
    .action(async (options: ReplayOptions) => {
      const asOf = options.asOf === undefined ? '9999-12-31T00:00:00.000Z'
        : /^\d{4}-\d{2}-\d{2}$/.test(options.asOf) ? new Date(Date.parse(`${options.asOf}T00:00:00Z`) + 86_400_000).toISOString() : isoTime(options.asOf, '--as-of');
      const cut = {
        businessTime: asOf,
        ...(options.knownAt ? { knownAt: isoTime(options.knownAt, '--known-at') } : {}),
        ...(options.upTo ? { upTo: position(options.upTo, '--up-to') } : {}),
      };
      const runtime = await openAuditRuntime(loadSettings(), { seed: options.seed });
      try {
        const progress = new ProgressBar('replay', cut.upTo ?? (await runtime.head()), process.stderr, options.progress);
        const result = await withBitemporalReplay(
          runtime.replay,
          cut,
          async ({ dataSource, schema, range }) => ({ businessTime: cut.businessTime, knownAt: range.knownAt, range, assets: await currentCollateralization(dataSource, schema, options.asset) }),
          { onProgress: ({ position: at }) => progress.update(at) },
        );
        progress.finish(BigInt(result.range.readThrough));
        console.log(JSON.stringify(result, null, 2));
      } finally {
        await runtime.close();
      }
    });
}
