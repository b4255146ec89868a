import { formatFixed, parseFixed, SHARE_SCALE } from '@recon/domain';

/**
 * One scale for every decimal a statement carries. It is the domain's share scale, and it covers
 * both standards: ISO 15022 quantities have at most 14 decimals, ISO 20022 DecimalNumber 17.
 */
export const DECIMAL_SCALE = SHARE_SCALE;

/** Reports why a value is refused; the caller knows where it stands and throws the located error. */
export type Fail = (reason: string) => never;

const POWERS_OF_TEN = Array.from({ length: DECIMAL_SCALE + 1 }, (_, exponent) => 10n ** BigInt(exponent));

function unitsOf(negative: boolean, whole: string, fraction: string, fail: Fail): bigint {
  let digits = fraction.length;
  while (digits > 0 && fraction.charCodeAt(digits - 1) === 0x30) digits--;
  const scale = POWERS_OF_TEN[DECIMAL_SCALE - digits] ?? fail(`has more than ${DECIMAL_SCALE} decimal places`);
  const units = BigInt((whole || '0') + fraction.slice(0, digits)) * scale;
  return negative ? -units : units;
}

// ISO 15022 `[N]15d`: the comma is mandatory and always present (`1500,`), N marks a negative.
const SWIFT_DECIMAL = /^(N?)(\d+),(\d*)$/;

export function swiftDecimal(text: string, fail: Fail, what = 'decimal number'): bigint {
  const match = SWIFT_DECIMAL.exec(text);
  if (!match) return fail(`is not a ${what}`);
  const [, sign = '', whole = '', fraction = ''] = match;
  return unitsOf(sign === 'N', whole, fraction, fail);
}

/** A decimal with a sign and a point (XML) or another separator (CSV exports): `-12.5`, `12,5`, `.5`. */
export function separatedDecimal(text: string, fail: Fail, separator: '.' | ',' = '.', what = 'decimal number'): bigint {
  const point = text.indexOf(separator);
  const signed = /^[+-]/.test(text);
  const whole = text.slice(signed ? 1 : 0, point < 0 ? text.length : point);
  const fraction = point < 0 ? '' : text.slice(point + 1);
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || whole.length + fraction.length === 0) return fail(`is not a ${what}`);
  return unitsOf(text.startsWith('-'), whole, fraction, fail);
}

/** Exact decimal text ("-1234.5") to units at DECIMAL_SCALE. */
export const parseDecimal = (text: string): bigint => parseFixed(text, DECIMAL_SCALE, 'decimal');
/** Units at DECIMAL_SCALE to the shortest exact decimal text. */
export const formatDecimal = (units: bigint): string => formatFixed(units, DECIMAL_SCALE);
