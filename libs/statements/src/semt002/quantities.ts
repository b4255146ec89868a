import { Amount, Availability, Price, Quantity, QuantityType } from '../statement';
import { separatedDecimal } from '../values/decimal';
import { currencyCode } from '../values/identifiers';
import { XmlElement } from '../xml/xml-element';
import { XmlReader } from '../xml/xml-reader';

const QUANTITY_ELEMENTS: ReadonlyMap<string, QuantityType> = new Map([
  ['Unit', 'UNIT'],
  ['FaceAmt', 'FAMT'],
  ['AmtsdVal', 'AMOR'],
  ['DgtlTknUnit', 'DITU'],
]);
/** Balance → BalanceQuantity choice → Quantity choice → FinancialInstrumentQuantity choice: at most this deep. */
const MAX_WRAPPERS = 4;

export interface ReadQuantity {
  readonly quantity: Quantity;
  readonly availability?: Availability;
}

/**
 * A balance's quantity, wherever the version nests it (`AggtBal/Qty/Qty/Qty/Unit`,
 * `NotAvlblBal/Qty/Unit`, `Qty/QtyAndAvlbty/Qty/Unit`). The sign is `ShrtLngInd` (SHOR is
 * negative), never a minus in the number.
 */
export function quantityOf(reader: XmlReader, balance: XmlElement, label: string): ReadQuantity {
  const direction = reader.optional(balance, 'ShrtLngInd');
  if (direction && direction.text !== 'LONG' && direction.text !== 'SHOR') reader.failAt(direction, label)('is not LONG or SHOR');
  let availability: Availability | undefined;
  let node: XmlElement | undefined = balance;
  for (let depth = 0; node && depth <= MAX_WRAPPERS; depth++) {
    // One pass over the children finds the quantity, or the wrapper to descend into: this runs for every balance of a report.
    let next: XmlElement | undefined;
    let withAvailability: XmlElement | undefined;
    for (const child of node.children) {
      if (child.namespace !== node.namespace) continue;
      const type = QUANTITY_ELEMENTS.get(child.name);
      if (type !== undefined) {
        const fail = reader.failAt(child, label);
        const units = separatedDecimal(child.text, fail, '.', 'decimal quantity');
        if (units < 0n) fail('is negative: the sign is given by ShrtLngInd');
        return { quantity: { type, units: direction?.text === 'SHOR' ? -units : units }, availability };
      }
      if (child.name === 'QtyAndAvlbty') withAvailability ??= child;
      else if (child.name === 'Qty') next ??= child;
    }
    if (withAvailability) {
      const indicator = reader.required(withAvailability, 'AvlbtyInd', `${label} availability`);
      availability = reader.flag(indicator, `${label} availability`) ? 'AVAILABLE' : 'NOT_AVAILABLE';
    }
    node = withAvailability ?? next;
  }
  return reader.failAt(balance, label, null)('has no quantity (Unit, FaceAmt, AmtsdVal or DgtlTknUnit); proprietary quantities are not understood');
}

/** `<Amt Ccy="USD">430020</Amt><Sgn>false</Sgn>`: Sgn false is a minus. */
export function signedAmount(reader: XmlReader, element: XmlElement, label: string): Amount {
  const amountElement = reader.required(element, 'Amt', label);
  const amount = plainAmount(reader, amountElement, label);
  const sign = reader.optional(element, 'Sgn');
  return sign && !reader.flag(sign, `${label} sign`) ? { ...amount, units: -amount.units } : amount;
}

function plainAmount(reader: XmlReader, element: XmlElement, label: string): Amount {
  const fail = reader.failAt(element, label);
  const code = element.attributes.get('Ccy') ?? '';
  const currency = currencyCode(code, reader.failAt(element, `${label} currency`, code));
  return { currency, units: separatedDecimal(element.text, fail, '.', 'decimal amount') };
}

/**
 * PricDtls: Val/Rate is a percentage (PRCT, or YIEL when ValTp/Yldd is true), Val/Amt an amount
 * (ACTU); ValTp/ValTp (DISC, PREM, PARV) overrides either, as the same codes do in 90A / 90B.
 */
export function priceOf(reader: XmlReader, details: XmlElement): Price | undefined {
  const type = reader.text(details, 'Tp/Cd') ?? reader.text(details, 'Tp/Prtry/Id') ?? '';
  const valueTypeCode = reader.text(details, 'ValTp/ValTp');
  const yielded = reader.optional(details, 'ValTp/Yldd');
  const rate = reader.optional(details, 'Val/Rate');
  if (rate) {
    const valueType = valueTypeCode ?? (yielded && reader.flag(yielded, 'yielded') ? 'YIEL' : 'PRCT');
    return { type, valueType, units: separatedDecimal(rate.text, reader.failAt(rate, 'price'), '.', 'decimal price'), currency: undefined };
  }
  const amount = reader.optional(details, 'Val/Amt');
  if (!amount) return undefined;
  const { currency, units } = plainAmount(reader, amount, 'price');
  return { type, valueType: valueTypeCode ?? 'ACTU', units, currency };
}
