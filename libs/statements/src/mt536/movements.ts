import { InstrumentMovements, Posting, StatedBalance } from '../statement';
import { SwiftBlock, SwiftField } from '../swift/blocks';
import { SwiftReader } from '../swift/located';
import { balance, instrument } from '../swift/values';
import { formatDecimal } from '../values/decimal';
import { readPosting } from './postings';

function statedBalance(reader: SwiftReader, fin: SwiftBlock, first: string, intermediate: string): { field: SwiftField; balance: StatedBalance } | undefined {
  const field = reader.optional(fin, ['93B'], first) ?? reader.optional(fin, ['93B'], intermediate);
  return field && { field, balance: { quantity: balance(field, reader.failAt(field)), intermediate: field.qualifier === intermediate } };
}

/**
 * The reason a statement of transactions is worth reading: opening ± postings must give the closing
 * balance. When it does not, a posting is missing or wrong, and no part of the page can be trusted.
 */
function checkBalances(reader: SwiftReader, opening: StatedBalance, closing: { field: SwiftField; balance: StatedBalance }, postings: readonly Posting[]): void {
  const fail = reader.failAt(closing.field);
  const type = opening.quantity.type;
  if (closing.balance.quantity.type !== type || postings.some((posting) => posting.quantity.type !== type)) {
    fail(`mixes quantity types with the opening balance (${type}) or the postings`);
  }
  const received = postings.filter((p) => p.direction === 'RECEIVE').reduce((sum, p) => sum + p.quantity.units, 0n);
  const delivered = postings.filter((p) => p.direction === 'DELIVER').reduce((sum, p) => sum + p.quantity.units, 0n);
  const expected = opening.quantity.units + received - delivered;
  if (expected !== closing.balance.quantity.units) {
    fail(
      `does not add up: opening ${formatDecimal(opening.quantity.units)} + received ${formatDecimal(received)} - delivered ${formatDecimal(delivered)} = ${formatDecimal(expected)}`,
    );
  }
}

/** B1 FIN of an MT536: opening balance, the transactions, closing balance. */
export function readMovements(reader: SwiftReader, fin: SwiftBlock, account: string): InstrumentMovements {
  const instrumentField = reader.required(fin, ['35B']);
  const opening = statedBalance(reader, fin, 'FIOP', 'INOP');
  const closing = statedBalance(reader, fin, 'FICL', 'INCL');
  const postings = reader.blocks(fin, 'TRAN').map((tran) => readPosting(reader, tran));
  if (opening && closing) checkBalances(reader, opening.balance, closing, postings);
  return {
    account,
    instrument: instrument(instrumentField, reader.failAt(instrumentField)),
    ...(opening === undefined ? {} : { opening: opening.balance }),
    ...(closing === undefined ? {} : { closing: closing.balance }),
    postings,
  };
}
