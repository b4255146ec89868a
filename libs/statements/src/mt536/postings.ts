import { Posting, PostingDirection } from '../statement';
import { SwiftBlock } from '../swift/blocks';
import { SwiftReader } from '../swift/located';
import { amount, balance, code, dateOf } from '../swift/values';

const DIRECTIONS: Readonly<Record<string, PostingDirection>> = { RECE: 'RECEIVE', DELI: 'DELIVER' };

/** B1a TRAN: links to the underlying transaction (LINK) and what was posted (TRANSDET). */
export function readPosting(reader: SwiftReader, tran: SwiftBlock): Posting {
  const details = reader.requiredBlock(tran, 'TRANSDET');
  const quantityField = reader.required(details, ['36B'], 'PSTA');
  const quantity = balance(quantityField, reader.failAt(quantityField));
  if (quantity.units < 0n) reader.failAt(quantityField)('is negative: the direction is given by 22H::REDE');
  const directionField = reader.required(details, ['22H'], 'REDE');
  const reference = reader.blocks(tran, 'LINK').flatMap((link) => link.fields.filter((field) => field.tag === '20C'))[0]?.value;
  const dateFor = (qualifier: string) => {
    const field = reader.optional(details, ['98A', '98C', '98E'], qualifier);
    return field && dateOf(field.value, field.tag, reader.failAt(field)).date;
  };
  const settlementDate = dateFor('ESET');
  const tradeDate = dateFor('TRAD');
  const amountField = reader.optional(details, ['19A'], 'PSTA');
  const payment = reader.optional(details, ['22H'], 'PAYM')?.value;
  return {
    ...(reference === undefined ? {} : { reference }),
    direction: code(directionField, reader.failAt(directionField), DIRECTIONS),
    quantity,
    ...(settlementDate === undefined ? {} : { settlementDate }),
    ...(tradeDate === undefined ? {} : { tradeDate }),
    ...(amountField === undefined ? {} : { amount: amount(amountField, reader.failAt(amountField)) }),
    ...(payment === undefined ? {} : { payment }),
  };
}
