import type { AccountPositionsView, PositionView } from '@recon/read-models';
import { toCsv } from '../../read-side/query-lists';

const COLUMNS = [
  'custodian', 'account', 'isin', 'asset_id', 'aggregate', 'available', 'not_available', 'sub_balances',
  'statement_reference', 'statement_date', 'completeness', 'all_pages_received', 'source_documents',
] as const;

/** `PEND NOT_AVAILABLE 40` per sub-balance, `@place` and `/scheme` when given, separated by `; `: one cell a spreadsheet shows whole. */
const subBalancesCell = (position: PositionView): string =>
  position.subBalances.map((sub) => `${sub.code}${sub.dataSourceScheme ? `/${sub.dataSourceScheme}` : ''} ${sub.availability} ${sub.quantity}${sub.placeOfSafekeeping ? ` @${sub.placeOfSafekeeping}` : ''}`).join('; ');

/**
 * The positions as CSV (RFC 4180: a header row, CRLF line ends, quoted where needed). Quantities are
 * the exact decimal strings the read model holds, never numbers a spreadsheet could round.
 */
export function positionsCsv(view: AccountPositionsView | undefined): string {
  const rows = (view?.positions ?? []).map((position) => [
    view?.custodian ?? '', view?.account ?? '', position.isin, position.assetId, position.aggregate, position.available, position.notAvailable,
    subBalancesCell(position), position.statementReference, position.statementDate, view?.completeness ?? null,
    view?.allPagesReceived === null || view?.allPagesReceived === undefined ? null : view.allPagesReceived ? 'yes' : 'no',
    position.sourceDocuments.join(' '),
  ]);
  return toCsv(COLUMNS, rows);
}
