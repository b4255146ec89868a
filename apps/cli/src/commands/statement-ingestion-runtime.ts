import { NestFactory } from '@nestjs/core';
import { Settings } from '@recon/platform';
import { DryRunIngestionReport, IngestionOptions, IngestionReport, MovementReport, StatementFile, StatementIngestion, StatementIngestionModule } from '@recon/ingestion';
import { openEventStore } from '../runtime/open-event-store';

export interface StatementIngestionRuntime {
  /** Which event store, where; never credentials. */
  readonly description: string;
  ingest(file: StatementFile, options?: IngestionOptions): Promise<IngestionReport | DryRunIngestionReport>;
  close(): Promise<void>;
}

/**
 * The API's statement ingestion on the configured event store, in a Nest application context that
 * serves no HTTP. Events record `actor` as who ingested them.
 */
export async function openStatementIngestion(settings: Settings, actor: string): Promise<StatementIngestionRuntime> {
  const runtime = await openEventStore(settings);
  try {
    const context = await NestFactory.createApplicationContext(StatementIngestionModule.register(runtime.store), { logger: ['error', 'warn'] });
    await context.init(); // registers the CQRS handler the commands go through
    const ingestion = context.get(StatementIngestion);
    const principal = { id: actor, roles: ['operator'] as const, via: 'api-key' as const };
    return {
      description: runtime.description,
      ingest: (file, options) => ingestion.ingest(file, principal, options),
      close: async () => {
        await context.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** A statement of transactions: per account, how many movements were recorded, were known already, or conflict with those recorded. */
function movementsSummary(movements: readonly MovementReport[]): string[] {
  const text: Record<MovementReport['outcome'], string> = { recorded: 'recorded', unchanged: 'known already', 'conflicting-duplicate': 'conflicting with those recorded, not taken' };
  const counts = new Map<string, { account: string; outcome: MovementReport['outcome']; count: number }>();
  for (const { account, outcome } of movements) {
    const key = JSON.stringify([account, outcome]);
    counts.set(key, { account, outcome, count: (counts.get(key)?.count ?? 0) + 1 });
  }
  return [...counts.values()].map(({ account, outcome, count }) => `${account} ${count} movement${count === 1 ? '' : 's'} ${text[outcome]}`);
}

/** One line per statement file: what it was and what it changed. */
export function summaryOf(report: IngestionReport): string {
  const page = `page ${report.page}${report.lastPage ? ' (last)' : ''}`;
  const what = report.movements
    ? movementsSummary(report.movements)
    : report.function === 'CANCEL'
      ? report.cancellations.map(({ account, outcome }) => `${account} ${outcome}`)
      : report.pages.map(({ account, page: number, positions, outcome, filledIn }) => `${account}${filledIn ? ` page ${number} (filled in)` : ''} ${outcome} (${positions} position${positions === 1 ? '' : 's'})`);
  const assembly = report.assembly.complete ? 'statement complete' : report.assembly.cancelled ? 'statement cancelled' : `pages missing: ${report.assembly.missing.join(', ') || 'the last'}`;
  return `${report.file}: ${report.format} ${report.custodian} ${report.statementReference} ${page}${report.copy ? ` ${report.copy}` : ''}; ${what.join(', ')}; ${assembly}; ${report.appended.length} events ${isDryRun(report) ? 'would be appended (dry run: nothing appended)' : 'appended'}`;
}

/** A dry run, one line each: nothing appended, each position that would change or stay, each break that would open or clear. */
export function dryRunLines(report: DryRunIngestionReport): string[] {
  const { positions, opening, clearing } = report.dryRun;
  return [
    ...positions.map(({ custodian, account, isin, before, after }) => `  position ${custodian} ${account} ${isin}: ${before ?? 'none'} -> ${after ?? 'none'}${before === after ? ' (unchanged)' : ''}`),
    ...opening.map(({ assetId, breakType, subject, severity }) => `  would open ${breakType} ${assetId} ${subject} (${severity})`),
    ...clearing.map(({ assetId, breakType, subject }) => `  would clear ${breakType} ${assetId} ${subject}`),
  ];
}

export const isDryRun = (report: IngestionReport): report is DryRunIngestionReport => 'dryRun' in report;
