import type { ExceptionLine } from '../build/report-document';
import type { SignedReport } from '../sign/signed-report';

type Cell = string | number | null;

/** Spreadsheet-safe: quoted where needed, and a leading = + - @ that is not a number neutralized (formula injection). */
function cell(value: Cell): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const EXCEPTION_COLUMNS = ['exceptionId', 'assetId', 'breakType', 'severity', 'status', 'raisedAt', 'resolvedAt', 'resolution', 'proposedBy', 'approvedBy', 'ageBucket'] as const;

/**
 * One CSV file for spreadsheets: the report's identity first (date, cut, event range, hash), then one
 * block per table, each with a `section` column so that a filter separates them.
 */
export function renderCsv(signed: SignedReport): Buffer {
  const r = signed.report;
  const rows: Cell[][] = [
    ['section', 'field', 'value'],
    ['report', 'schema', r.schema],
    ['report', 'reportDate', r.reportDate],
    ['report', 'businessTime', r.businessTime],
    ['report', 'knownAt', r.knownAt],
    ['report', 'firstPosition', r.eventRange.first],
    ['report', 'lastPosition', r.eventRange.last],
    ['report', 'events', r.eventRange.events],
    ['report', 'readThrough', r.eventRange.readThrough],
    ['report', 'reportHash', signed.reportHash],
    [],
    ['section', 'assetId', 'symbol', 'multiplier', 'requiredShares', 'heldShares', 'pendingBuy', 'pendingSell', 'difference', 'ratio', 'lastStatementDate'],
    ...r.proofOfReserves.map((a) => ['reserves', a.assetId, a.symbol, a.multiplier, a.requiredShares, a.heldShares, a.pendingBuy, a.pendingSell, a.difference, a.ratio, a.lastStatementDate]),
    [],
    ['section', 'assetId', 'chainId', 'decimals', 'supply', 'lastBlock', 'asOf'],
    ...r.proofOfReserves.flatMap((a) => a.chains.map((c) => ['supply', a.assetId, c.chainId, c.decimals, c.supply, c.lastBlock, c.asOf])),
    [],
    ['section', 'assetId', 'custodian', 'account', 'statementDate', 'statementReference', 'quantity', 'basis'],
    ...r.proofOfReserves.flatMap((a) => a.statements.map((s) => ['statement', a.assetId, s.custodian, s.account, s.statementDate, s.statementReference, s.quantity, s.basis])),
    [],
    ['section', ...EXCEPTION_COLUMNS],
    ...(['opened', 'closed', 'aged'] as const).flatMap((section) =>
      r.exceptions[section].map((line: ExceptionLine) => [`exceptions-${section}`, ...EXCEPTION_COLUMNS.map((column) => line[column])]),
    ),
  ];
  return Buffer.from(rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n', 'utf8');
}
