import { loadSettings } from '@recon/platform';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StatementRefusedError } from '@recon/ingestion';
import { REFUSED_EXIT_CODE, IngestOptions } from '../commands/ingest.command';
import { openStatementIngestion } from '../runtime/statement-ingestion-runtime';
import { dryRunLines, isDryRun, summaryOf } from '../runtime/statement-summary';

/** What `recon ingest` does; loaded only when that command runs. */
export async function ingest(files: string[], options: IngestOptions): Promise<void> {
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
}
