import { Command, InvalidArgumentError } from 'commander';
import { loadSettings } from '@recon/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import { custodianOption } from './custodian-option';
import { folderCustodian, StatementInbox } from './statement-inbox';
import { openStatementIngestion } from './statement-ingestion-runtime';

const milliseconds = (text: string): number => {
  if (!/^\d{1,9}$/.test(text)) throw new InvalidArgumentError('must be a whole number of milliseconds');
  return Number(text);
};

/**
 * `recon watch <folder>`: ingests statement files as they land in a folder, polling it, and moves
 * each to processed/ or rejected/. With --once it takes what is there (waiting for files still
 * being written to settle) and exits: 0, or 1 when the store failed for a file.
 */
export function watchCommand(): Command {
  return new Command('watch')
    .description('Ingest custody statement files dropped into a folder; move them to processed/ or rejected/')
    .argument('<folder>', 'the folder to watch')
    .option('--interval <ms>', 'how often the folder is read', milliseconds, 1000)
    .option('--settle <ms>', 'how long a file must stand unchanged before it is read', milliseconds, 2000)
    .option('--once', 'take the files present, then exit')
    .option('--actor <id>', 'who the events name as having ingested the files', 'recon-inbox')
    .option('--custodian <bic>', "this folder's custodian, for files that name no sender (else the folder's .custodian file)", custodianOption)
    .action(async (folder: string, options: { interval: number; settle: number; once?: boolean; actor: string; custodian?: string }) => {
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
    });
}
