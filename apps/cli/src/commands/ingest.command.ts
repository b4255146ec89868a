import { Command } from 'commander';
import { custodianOption } from './custodian-option';

/** Exit code when a statement was refused: its problems are printed, nothing of it was appended. */
export const REFUSED_EXIT_CODE = 4;

export interface IngestOptions {
  readonly actor: string;
  readonly custodian?: string;
  readonly dryRun?: boolean;
}

/**
 * `recon ingest <file...>`: custody statement files into the configured event store, each one
 * all-or-nothing. Exit 0 when every file was taken (or was known already), 4 when one was refused
 * (every located problem on stderr, one a line), 1 when a file could not be read or the store failed.
 * `--dry-run` decides the same on an in-memory copy and prints what would change; nothing is appended.
 */
export function ingestCommand(): Command {
  return new Command('ingest')
    .description('Ingest custody statement files (MT535, semt.002, CSV; format detected from the content)')
    .argument('<file...>', 'statement files')
    .option('--actor <id>', 'who the events name as having ingested the files', 'recon-cli')
    .option('--custodian <bic>', "the custodian's BIC, for files that name no sender; a file naming another sender is refused", custodianOption)
    .option('--dry-run', 'parse, check and show what each file would change (positions per ISIN, breaks opening or clearing); append nothing')
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs: help stays fast
    .action(async (files: string[], options: IngestOptions) => (require('../actions/ingest') as typeof import('../actions/ingest')).ingest(files, options));
}
