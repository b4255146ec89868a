import { Command } from 'commander';
import { loadSettings } from '@recon/platform';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StatementRefusedError } from '@recon/ingestion';
import { custodianOption } from './custodian-option';
import { openStatementIngestion } from './statement-ingestion-runtime';
import { dryRunLines, isDryRun, summaryOf } from './statement-summary';

/** Exit code when a statement was refused: its problems are printed, nothing of it was appended. */
export const REFUSED_EXIT_CODE = 4;

interface IngestOptions {
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
    .action(async (files: string[], options: IngestOptions) => {
      const ingestion = await openStatementIngestion(loadSettings(), options.actor);
      const how = { ...(options.custodian === undefined ? {} : { custodian: options.custodian }), dryRun: options.dryRun === true };
      try {
        for (const file of files) {
          try {
            const report = await ingestion.ingest({ name: path.basename(file), bytes: await readFile(file) }, how);
            console.log(isDryRun(report) ? [summaryOf(report), ...dryRunLines(report)].join('\n') : summaryOf(report));
          } catch (error) {
            if (!(error instanceof StatementRefusedError)) {
              console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
              process.exitCode = 1;
              continue;
            }
            console.error(`${file}: refused, nothing appended; ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}:\n${error.message}`);
            if (process.exitCode !== 1) process.exitCode = REFUSED_EXIT_CODE;
          }
        }
      } finally {
        await ingestion.close();
      }
    });
}
