import { Instrument, Position, Price, Quantity, SubBalance } from '../statement';
import { formatDecimal } from '../values/decimal';
import { checkedIsin } from '../values/identifiers';
import { childrenOf, XmlElement } from '../xml/xml-element';
import { XmlReader } from '../xml/xml-reader';
import { priceOf, quantityOf, signedAmount } from './quantities';

/** ISIN, or local codes written as MT535 writes them in 35B (`/US/31392EXH8`), then the description. */
function instrumentOf(reader: XmlReader, balance: XmlElement): Instrument {
  const id = reader.required(balance, 'FinInstrmId', 'financial instrument');
  const isinElement = reader.optional(id, 'ISIN');
  const localCodes = childrenOf(id, 'OthrId').map((other) => {
    const scheme = reader.text(other, 'Tp/Cd') ?? reader.text(other, 'Tp/Prtry') ?? '';
    return `/${scheme}/${reader.required(other, 'Id', 'other identification').text}`;
  });
  const description = [...localCodes, reader.text(id, 'Desc') ?? ''].filter((part) => part !== '').join(' ');
  if (!isinElement && description === '') reader.failAt(id, 'financial instrument', null)('names no instrument');
  return {
    isin: isinElement && checkedIsin(isinElement.text, reader.failAt(isinElement, 'financial instrument')),
    description: description === '' ? undefined : description,
  };
}

function placeOf(reader: XmlReader, element: XmlElement): string | undefined {
  const place = reader.optional(element, 'SfkpgPlc/SfkpgPlcFrmt') ?? reader.optional(element, 'SfkpgPlc');
  const leaves = (node: XmlElement): string[] => (node.children.length === 0 ? [node.text] : node.children.flatMap(leaves));
  return place && leaves(place).join('/');
}

/** BalBrkdwn: typed sub-balances; BalAtSfkpgPlc: the holding per place of safekeeping (AGGR/AVAI/NAVL). */
function subBalancesOf(reader: XmlReader, balance: XmlElement): SubBalance[] {
  const breakdown = childrenOf(balance, 'BalBrkdwn').map((sub): SubBalance => {
    const standard = reader.text(sub, 'SubBalTp/Cd');
    const type = standard ?? reader.required(sub, 'SubBalTp/Prtry/Id', 'sub-balance type').text;
    // A proprietary type (GenericIdentification: Id, Issr, SchmeNm) keeps its issuer, as MT's data source scheme does.
    const scheme = standard === undefined ? (reader.text(sub, 'SubBalTp/Prtry/Issr') ?? reader.text(sub, 'SubBalTp/Prtry/SchmeNm')) : undefined;
    const { quantity, availability } = quantityOf(reader, reader.required(sub, 'Qty', `${type} sub-balance`), `${type} sub-balance`);
    return { type, quantity, availability, placeOfSafekeeping: undefined, quantityDecimal: formatDecimal(quantity.units), dataSourceScheme: scheme };
  });
  const perPlace = childrenOf(balance, 'BalAtSfkpgPlc').flatMap((atPlace) => {
    const place = placeOf(reader, atPlace);
    return (
      [
        ['AGGR', 'AggtBal', undefined],
        ['AVAI', 'AvlblBal', 'AVAILABLE'],
        ['NAVL', 'NotAvlblBal', 'NOT_AVAILABLE'],
      ] as const
    ).flatMap(([type, name, availability]): SubBalance[] => {
      const element = reader.optional(atPlace, name);
      if (!element) return [];
      const { quantity } = quantityOf(reader, element, `${type} balance at place of safekeeping`);
      return [{ type, quantity, availability, placeOfSafekeeping: place, quantityDecimal: formatDecimal(quantity.units), dataSourceScheme: undefined }];
    });
  });
  return [...breakdown, ...perPlace];
}

function marketPrice(reader: XmlReader, balance: XmlElement): Price | undefined {
  const details = childrenOf(balance, 'PricDtls');
  const chosen = details.find((detail) => reader.text(detail, 'Tp/Cd') === 'MRKT') ?? details[0];
  return chosen && priceOf(reader, chosen);
}

/** BalForAcct / BalForSubAcct: one instrument's holding. */
export function readPosition(reader: XmlReader, balance: XmlElement): Position {
  const optionalQuantity = (name: string, label: string): Quantity | undefined => {
    const element = reader.optional(balance, name);
    return element && quantityOf(reader, element, label).quantity;
  };
  const value = reader.optional(balance, 'AcctBaseCcyAmts/HldgVal');
  return {
    instrument: instrumentOf(reader, balance),
    aggregate: quantityOf(reader, reader.required(balance, 'AggtBal', 'aggregate balance'), 'aggregate balance').quantity,
    available: optionalQuantity('AvlblBal', 'available balance'),
    notAvailable: optionalQuantity('NotAvlblBal', 'not available balance'),
    price: marketPrice(reader, balance),
    value: value && signedAmount(reader, value, 'holding value'),
    subBalances: subBalancesOf(reader, balance),
  };
}
