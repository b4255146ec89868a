import { loadSettings } from '@recon/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import { WatchOptions } from '../commands/watch.command';
import { folderCustodian, StatementInbox } from '../runtime/statement-inbox';
import { openStatementIngestion } from '../runtime/statement-ingestion-runtime';

/** What `recon watch` does; loaded only when that command runs. */
export async function watch(folder: string, options: WatchOptions): Promise<void> {
  // Read before the store opens: a bad .custodian file stops the watcher at once, naming it.
  const custodian = options.custodian ?? (await folderCustodian(folder));
  const ingestion = await openStatementIngestion(loadSettings(), options.actor);
  const how = custodian === undefined ? {} : { custodian };
  const inbox = new StatementInbox({ folder, settleMs: options.settle, ingest: (file) => ingestion.ingest(file, how), log: (line) => console.log(line) });
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await inbox.prepare();
    console.log(`watching ${folder} (event store: ${ingestion.description})${custodian ? `, custodian ${custodian} for files that name no sender` : ''}; processed/ and rejected/ beside the files`);
    while (!stopping) {
      const swept = await inbox.sweep();
      if (options.once && swept.failed > 0) {
        process.exitCode = 1;
        break;
      }
      if (options.once && swept.waiting === 0) break;
      await sleep(options.interval);
    }
  } finally {
    await ingestion.close();
  }
}
