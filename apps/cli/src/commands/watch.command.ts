import { Command, InvalidArgumentError } from 'commander';
import { custodianOption } from './custodian-option';

export interface WatchOptions {
  readonly interval: number;
  readonly settle: number;
  readonly once?: boolean;
  readonly actor: string;
  readonly custodian?: string;
}

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
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs: help stays fast
    .action(async (folder: string, options: WatchOptions) => (require('../actions/watch') as typeof import('../actions/watch')).watch(folder, options));
}
