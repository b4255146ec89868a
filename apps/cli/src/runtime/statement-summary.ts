import { DryRunIngestionReport, IngestionReport, MovementReport, SettlementReport } from '@recon/ingestion';

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

/** A settlement message: what it did to which trade, how the trade was found, and the custodian's status and reason. */
function settlementSummary({ kind, tradeId, matchedBy, quantity, status, reasonCode, outcome }: SettlementReport): string {
  const what: Record<string, string> = { confirmation: `${quantity} settled`, cancellation: `${quantity} unsettled again`, failing: 'failing', pending: 'pending', 'other-status': `status ${status}` };
  const trade = tradeId === undefined ? '' : `trade ${tradeId} (by ${matchedBy}) `;
  const reason = reasonCode === undefined ? '' : ` reason ${reasonCode}`;
  return `${trade}${what[kind] ?? kind}${reason} ${outcome === 'unchanged' ? 'known already' : outcome}`;
}

/** Where the statement stands after this file: complete, cancelled, or the pages it still waits for and those withdrawn. */
function assemblyOf({ assembly }: IngestionReport): string {
  const withdrawn = assembly.withdrawn?.length ? `; pages withdrawn: ${assembly.withdrawn.join(', ')}` : '';
  if (assembly.complete) return `statement complete${withdrawn}`;
  if (assembly.cancelled) return 'statement cancelled';
  return `pages missing: ${assembly.missing.join(', ') || 'the last'}${withdrawn}`;
}

/**
 * One line per statement file: what it was and what it changed. The file's own reference (SEME) is
 * named first and, when it is one page of a statement of several, the statement key after
 * it (MT535 28E: every page is a message of its own); a cancellation names the message it withdrew.
 */
export function summaryOf(report: IngestionReport): string {
  const page = `page ${report.page}${report.lastPage ? ' (last)' : ''}`;
  const { assembly } = report;
  const multiPage = report.page > 1 || !report.lastPage || (assembly.lastPage ?? 1) > 1 || assembly.received.length > 1;
  const statement = multiPage && report.statementKey && report.statementKey !== report.statementReference ? ` of statement ${report.statementKey}` : '';
  const cancels = report.function === 'CANCEL' && report.cancels ? ` cancels ${report.cancels}:` : '';
  if (report.settlements) {
    const appended = `${report.appended.length} events ${isDryRun(report) ? 'would be appended (dry run: nothing appended)' : 'appended'}`;
    return `${report.file}: ${report.format} ${report.custodian} ${report.statementReference};${cancels} ${report.settlements.map(settlementSummary).join(', ')}; ${appended}`;
  }
  const what = report.movements
    ? movementsSummary(report.movements)
    : report.function === 'CANCEL'
      ? report.cancellations.map(({ account, outcome }) => `${account} ${outcome}`)
      : report.pages.map(({ account, page: number, positions, outcome, filledIn }) => `${account}${filledIn ? ` page ${number} (filled in)` : ''} ${outcome} (${positions} position${positions === 1 ? '' : 's'})`);
  return `${report.file}: ${report.format} ${report.custodian} ${report.statementReference}${statement} ${page}${report.copy ? ` ${report.copy}` : ''};${cancels} ${what.join(', ')}; ${assemblyOf(report)}; ${report.appended.length} events ${isDryRun(report) ? 'would be appended (dry run: nothing appended)' : 'appended'}`;
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
