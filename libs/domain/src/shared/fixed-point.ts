/**
 * Exact decimal quantities on bigint. A quantity is an integer count of 10^-scale units, so
 * "1234.5" at scale 18 is 1234500000000000000000n. Text in, text out; never a JavaScript number.
 */

/** Scale of every share quantity in the domain (tokens use 18 decimals, custodians fewer). */
export const SHARE_SCALE = 18;
/** Scale of the shares-per-token multiplier (as in rebasing token contracts). */
export const MULTIPLIER_SCALE = 18;

export class InvalidQuantityError extends Error {
  constructor(readonly field: string, readonly value: string, reason: string) {
    super(`${field}: ${reason} (got "${value}")`);
    this.name = 'InvalidQuantityError';
  }
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal string ("-12.50") into units of 10^-scale. Refuses excess precision. */
export function parseFixed(text: string, scale: number, field = 'quantity'): bigint {
  const match = DECIMAL.exec(text);
  if (!match) throw new InvalidQuantityError(field, text, 'not a decimal number');
  const [, sign, whole, fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > scale) {
    throw new InvalidQuantityError(field, text, `more than ${scale} decimal places`);
  }
  const units = BigInt(whole + significant.padEnd(scale, '0'));
  return sign === '-' ? -units : units;
}

/** Formats units of 10^-scale as the shortest exact decimal string ("1234.5", "-0.001", "7"). */
export function formatFixed(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Re-expresses units from one scale in another, truncating toward zero when the target is coarser. */
export function rescale(units: bigint, fromScale: number, toScale: number): bigint {
  if (toScale >= fromScale) return units * 10n ** BigInt(toScale - fromScale);
  return units / 10n ** BigInt(fromScale - toScale);
}

/** Share quantity from a decimal string, at SHARE_SCALE. */
export const parseShares = (text: string, field = 'quantity'): bigint => parseFixed(text, SHARE_SCALE, field);
export const formatShares = (units: bigint): string => formatFixed(units, SHARE_SCALE);

/** Token amount from its base-unit integer string (uint256, as on chain). */
export function parseTokenUnits(text: string, field = 'amount'): bigint {
  if (!/^\d+$/.test(text)) throw new InvalidQuantityError(field, text, 'not a non-negative integer of base units');
  const units = BigInt(text);
  if (units >= 2n ** 256n) throw new InvalidQuantityError(field, text, 'exceeds uint256');
  return units;
}
