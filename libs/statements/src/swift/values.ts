import { Amount, AsOf, Availability, Instrument, Price, Quantity, QuantityType } from '../statement';
import { calendarDate, clockTime, utcOffset } from '../values/calendar';
import { Fail, swiftDecimal } from '../values/decimal';
import { checkedIsin, currencyCode } from '../values/identifiers';
import { SwiftField } from './blocks';

const QUANTITY_TYPES: readonly QuantityType[] = ['UNIT', 'FAMT', 'AMOR', 'DITU'];

function quantityType(code: string, field: SwiftField, fail: Fail): QuantityType {
  if (field.issuer !== '') fail(`has a proprietary quantity type (${field.issuer}/${code})`);
  const type = QUANTITY_TYPES.find((known) => known === code);
  return type ?? fail(`has an unknown quantity type ${code}`);
}

/** 93B / 93F `TYPE/[N]15d`: `UNIT/1234,5`. */
export function balance(field: SwiftField, fail: Fail): Quantity {
  const slash = field.value.indexOf('/');
  if (slash === -1) return fail('is not a quantity (TYPE/[N]digits,digits)');
  const type = quantityType(field.value.slice(0, slash), field, fail);
  return { type, units: swiftDecimal(field.value.slice(slash + 1), fail, 'decimal quantity') };
}

/** 93C `TYPE/AVAI|NAVL/[N]15d`: a sub-balance with its availability. */
export function subBalance(field: SwiftField, fail: Fail): { quantity: Quantity; availability: Availability } {
  const match = /^([A-Z]{4})\/(AVAI|NAVL)\/(.*)$/.exec(field.value);
  if (!match) return fail('is not a sub-balance (TYPE/AVAI|NAVL/[N]digits,digits)');
  const [, code = '', availability, number = ''] = match;
  return {
    // A data source scheme in 93C names a proprietary balance type (kept as SubBalance.dataSourceScheme), not a quantity type.
    quantity: { type: quantityType(code, { ...field, issuer: '' }, fail), units: swiftDecimal(number, fail, 'decimal quantity') },
    availability: availability === 'AVAI' ? 'AVAILABLE' : 'NOT_AVAILABLE',
  };
}

/** 19A `[N]CCY15d`: `USD430020,`, `NEUR12,5`. */
export function amount(field: SwiftField, fail: Fail): Amount {
  const match = /^(N?)([A-Z]{3})(.*)$/.exec(field.value);
  if (!match) return fail('is not an amount ([N]CCYdigits,digits)');
  const [, sign = '', currency = '', number = ''] = match;
  return { currency: currencyCode(currency, fail), units: swiftDecimal(sign + number, fail, 'decimal amount') };
}

/** 90A `PRCT/105,` (percentage or yield), 90B `ACTU/USD238,90` (an amount); 90E `UKWN` is no price. */
export function price(field: SwiftField, fail: Fail): Price | undefined {
  if (field.tag === '90E') return undefined;
  const type = field.qualifier ?? '';
  const match = /^([A-Z]{4})\/(.*)$/.exec(field.value);
  if (!match) return fail('is not a price (TYPE/value)');
  const [, valueType = '', rest = ''] = match;
  if (field.tag === '90A') return { type, valueType, units: swiftDecimal(rest, fail, 'decimal price'), currency: undefined };
  const currency = currencyCode(rest.slice(0, 3), fail);
  return { type, valueType, units: swiftDecimal(rest.slice(3), fail, 'decimal price'), currency };
}

const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DATE_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:,\d{1,3})?(?:\/(N?)(\d{2})(\d{2})?)?$/;

/** 98A `YYYYMMDD`, 98C `YYYYMMDDHHMMSS`, 98E the same with decimals and a UTC indicator `/[N]HH[MM]`. */
export function dateOf(text: string, tag: string, fail: Fail): AsOf {
  if (tag === '98A') {
    const match = DATE.exec(text);
    if (!match) return fail('is not a date (YYYYMMDD)');
    return { date: calendarDate(match[1] ?? '', match[2] ?? '', match[3] ?? '', fail) };
  }
  const match = DATE_TIME.exec(text);
  if (!match || (tag === '98C' && text.length !== 14)) return fail(`is not a date and time (YYYYMMDDHHMMSS${tag === '98E' ? '[,ddd][/[N]HHMM]' : ''})`);
  const [, year = '', month = '', day = '', hh = '', mm = '', ss = '', negative, offsetHours, offsetMinutes = '00'] = match;
  return {
    date: calendarDate(year, month, day, fail),
    time: clockTime(hh, mm, ss, fail),
    ...(offsetHours === undefined ? {} : { utcOffset: utcOffset(negative ? '-' : '+', offsetHours, offsetMinutes, fail) }),
  };
}

/** 22F / 22H: a code from the standard's list; a data-source-scheme code means something we cannot know. */
export function code<T extends string>(field: SwiftField, fail: Fail, codes: Readonly<Record<string, T>>): T {
  if (field.issuer !== '') fail(`is a proprietary code of ${field.issuer}`);
  return Object.hasOwn(codes, field.value) ? (codes[field.value] as T) : fail(`is not one of ${Object.keys(codes).join(', ')}`);
}

/** 97A `35x`, 97B `TYPE/35x`, 97D a wallet address. */
export function account(field: SwiftField, fail: Fail): string {
  const id = field.tag === '97B' ? field.value.slice(field.value.indexOf('/') + 1) : field.value;
  if (id === '' || id.includes('\n') || id.length > 140) fail('is not an account identifier');
  return id;
}

/** 35B `[ISIN1!e12!c]` then up to four description lines (which may hold a local code, `/US/…`). */
export function instrument(field: SwiftField, fail: Fail): Instrument {
  const value = field.value;
  const newline = value.indexOf('\n');
  const first = newline === -1 ? value : value.slice(0, newline);
  const startsWithIsin = first.startsWith('ISIN');
  // `ISIN` and one blank, then twelve characters (the check digit is verified below).
  const isin = startsWithIsin && first.length === 17 && first.charCodeAt(4) === 0x20 && /^[A-Z0-9]{12}$/.test(first.slice(5)) ? first.slice(5) : undefined;
  if (startsWithIsin && isin === undefined) fail('does not start with an ISIN ("ISIN" and twelve characters)');
  const described = isin === undefined ? value : newline === -1 ? '' : value.slice(newline + 1);
  const description = describedLines(described);
  if (isin === undefined && description === '') fail('names no instrument');
  return { isin: isin === undefined ? undefined : checkedIsin(isin, fail), description: description === '' ? undefined : description };
}

/** Description lines trimmed and joined by single spaces, blank ones dropped. */
function describedLines(text: string): string {
  if (text === '') return '';
  if (!text.includes('\n')) return text.trim();
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}
