import { Position, Price, SubBalance } from '../statement';
import { SwiftBlock, SwiftField } from '../swift/blocks';
import { SwiftReader } from '../swift/located';
import { amount, balance, instrument, price, subBalance } from '../swift/values';
import { formatDecimal } from '../values/decimal';

const PRICE_TAGS = ['90A', '90B', '90E'];
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

/** The fields of a FIN block that make a position, found in one pass (a page may hold 10,000 FIN blocks). */
interface FinFields {
  instrument?: SwiftField;
  AGGR?: SwiftField;
  AVAI?: SwiftField;
  NAVL?: SwiftField;
  HOLD?: SwiftField;
}

function finFields(reader: SwiftReader, fin: SwiftBlock): FinFields {
  const found: FinFields = {};
  for (const field of fin.fields) {
    let slot: keyof FinFields | undefined;
    if (field.tag === '35B') slot = 'instrument';
    else if ((field.tag === '93B' || field.tag === '93F') && (field.qualifier === 'AGGR' || field.qualifier === 'AVAI' || field.qualifier === 'NAVL')) slot = field.qualifier;
    else if (field.tag === '19A' && field.qualifier === 'HOLD') slot = 'HOLD';
    if (slot === undefined) continue;
    // A repeat of a field that is read would be ambiguous, as SwiftReader.optional refuses it too.
    const earlier = found[slot];
    if (earlier) reader.failAt(field)(`repeats the field of line ${earlier.line}`);
    found[slot] = field;
  }
  return found;
}

/** B1 FIN: one instrument; 93B::AGGR is the holding, AVAI / NAVL split it when given. */
export function readPosition(reader: SwiftReader, fin: SwiftBlock): Position {
  const fields = finFields(reader, fin);
  const instrumentField = fields.instrument ?? reader.failIn(fin, '35B (financial instrument)', 'is missing from block FIN');
  const balanceOf = (field: SwiftField | undefined) => field && balance(field, reader.failAt(field));
  const aggregate = balanceOf(fields.AGGR) ?? reader.failIn(fin, '93B (AGGR balance)', 'is missing from block FIN');
  const valueField = fields.HOLD;
  return {
    instrument: instrument(instrumentField, reader.failAt(instrumentField)),
    aggregate,
    available: balanceOf(fields.AVAI),
    notAvailable: balanceOf(fields.NAVL),
    price: positionPrice(reader, fin),
    value: valueField && amount(valueField, reader.failAt(valueField)),
    subBalances: subBalances(reader, fin),
  };
}
