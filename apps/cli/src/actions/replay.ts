import { loadSettings } from '@recon/platform';
import { currentCollateralization, withBitemporalReplay } from '@recon/read-models';
import { isoTime, position } from '../commands/audit-options';
import type { ReplayOptions } from '../commands/replay.command';
import { openAuditRuntime } from '../runtime/audit-runtime';
import { ProgressBar } from '../runtime/progress-bar';

/** What `recon replay` does; loaded only when that command runs. */
export async function replay(options: ReplayOptions): Promise<void> {
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
}
