import { Command } from 'commander';
import { loadSettings } from '@recon/platform';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StatementRefusedError } from '@recon/ingestion';
import { openStatementIngestion, summaryOf } from './statement-ingestion-runtime';

/** Exit code when a statement was refused: its problems are printed, nothing of it was appended. */
export const REFUSED_EXIT_CODE = 4;

/**
 * `recon ingest <file...>`: custody statement files into the configured event store, each one
 * all-or-nothing. Exit 0 when every file was taken (or was known already), 4 when one was refused
 * (the located problems go to stderr), 1 when a file could not be read or the store failed.
 */
export function ingestCommand(): Command {
  return new Command('ingest')
    .description('Ingest custody statement files (MT535, semt.002, CSV; format detected from the content)')
    .argument('<file...>', 'statement files')
    .option('--actor <id>', 'who the events name as having ingested the files', 'recon-cli')
    .action(async (files: string[], options: { actor: string }) => {
      const ingestion = await openStatementIngestion(loadSettings(), options.actor);
      try {
        for (const file of files) {
          try {
            const report = await ingestion.ingest({ name: path.basename(file), bytes: await readFile(file) });
            console.log(summaryOf(report));
          } catch (error) {
            if (!(error instanceof StatementRefusedError)) {
              console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
              process.exitCode = 1;
              continue;
            }
            console.error(`${file}: refused, nothing appended\n${error.message}`);
            if (process.exitCode !== 1) process.exitCode = REFUSED_EXIT_CODE;
          }
        }
      } finally {
        await ingestion.close();
      }
    });
}
