import { Position, Price, SubBalance } from '../statement';
import { SwiftBlock, SwiftField } from '../swift/blocks';
import { SwiftReader } from '../swift/located';
import { amount, balance, instrument, price, subBalance } from '../swift/values';
import { formatDecimal } from '../values/decimal';

const PRICE_TAGS = ['90A', '90B', '90E'];
const BALANCE_TAGS = ['93B', '93F'];
const VALUE_TAGS = ['19A'];
const AVAILABILITY = { AVAI: 'AVAILABLE', NAVL: 'NOT_AVAILABLE' } as const;

/** The market price when there is one, else the first price given (indicative …). */
function positionPrice(reader: SwiftReader, fin: SwiftBlock): Price | undefined {
  let chosen: SwiftField | undefined;
  for (const field of fin.fields) {
    if (PRICE_TAGS.includes(field.tag) && (!chosen || (field.qualifier === 'MRKT' && chosen.qualifier !== 'MRKT'))) chosen = field;
  }
  return chosen && price(chosen, reader.failAt(chosen));
}

function fromBalanceField(reader: SwiftReader, field: SwiftField, place: string | undefined): SubBalance {
  const fail = reader.failAt(field);
  const type = field.qualifier ?? '';
  const availability = type === 'AVAI' || type === 'NAVL' ? AVAILABILITY[type] : undefined;
  const read = field.tag === '93C' ? subBalance(field, fail) : { quantity: balance(field, fail), availability };
  return {
    type,
    quantity: read.quantity,
    availability: read.availability,
    placeOfSafekeeping: place,
    quantityDecimal: formatDecimal(read.quantity.units),
    dataSourceScheme: field.tag === '93C' && field.issuer !== '' ? field.issuer : undefined,
  };
}

/**
 * B1b SUBBAL: current releases give one 93C per sub-balance (`93C::BLOK//UNIT/NAVL/100,`); older
 * ones broke the holding down per place of safekeeping with 93B AGGR/AVAI/NAVL and a 94F.
 */
function subBalances(reader: SwiftReader, fin: SwiftBlock): SubBalance[] {
  if (fin.blocks.length === 0) return [];
  return reader.blocks(fin, 'SUBBAL').flatMap((block) => {
    const place = reader.optional(block, ['94F', '94C', '94L'], 'SAFE')?.value;
    return block.fields.filter((field) => field.tag === '93B' || field.tag === '93C').map((field) => fromBalanceField(reader, field, place));
  });
}

/** B1 FIN: one instrument; 93B::AGGR is the holding, AVAI / NAVL split it when given. */
export function readPosition(reader: SwiftReader, fin: SwiftBlock): Position {
  const instrumentField = reader.required(fin, ['35B']);
  const balanceOf = (qualifier: string) => {
    const field = reader.optional(fin, BALANCE_TAGS, qualifier);
    return field && balance(field, reader.failAt(field));
  };
  const aggregate = balanceOf('AGGR') ?? reader.failIn(fin, '93B (AGGR balance)', 'is missing from block FIN');
  const valueField = reader.optional(fin, VALUE_TAGS, 'HOLD');
  return {
    instrument: instrument(instrumentField, reader.failAt(instrumentField)),
    aggregate,
    available: balanceOf('AVAI'),
    notAvailable: balanceOf('NAVL'),
    price: positionPrice(reader, fin),
    value: valueField && amount(valueField, reader.failAt(valueField)),
    subBalances: subBalances(reader, fin),
  };
}
