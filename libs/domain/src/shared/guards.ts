/**
 * Guards for command fields. The edge validates DTOs first, but the domain must not trust that: a
 * decider refuses malformed input with a DomainError so that nothing is ever appended from it.
 */
import { DomainError } from './decider';
import { InvalidQuantityError, parseFixed, parseShares, parseTokenUnits } from './fixed-point';
import { isValidIsin } from './isin';
import { normalizeBic } from './bic';

function wrapQuantity<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InvalidQuantityError) throw new DomainError('INVALID_QUANTITY', error.message);
    throw error;
  }
}

const SIGN_RULES = {
  any: () => true,
  positive: (units: bigint) => units > 0n,
  'non-negative': (units: bigint) => units >= 0n,
  'non-zero': (units: bigint) => units !== 0n,
} as const;

/** A share quantity (decimal string) at SHARE_SCALE, with the sign the field allows. */
export function shares(text: string, field: string, sign: keyof typeof SIGN_RULES = 'any'): bigint {
  const units = wrapQuantity(() => parseShares(text, field));
  if (!SIGN_RULES[sign](units)) throw new DomainError('INVALID_QUANTITY', `${field}: must be ${sign} (got "${text}")`);
  return units;
}

/** A positive decimal at an arbitrary scale (prices, multipliers). */
export function positiveDecimal(text: string, scale: number, field: string): bigint {
  const units = wrapQuantity(() => parseFixed(text, scale, field));
  if (units <= 0n) throw new DomainError('INVALID_QUANTITY', `${field}: must be positive (got "${text}")`);
  return units;
}

/** A positive token amount in base units (uint256 integer string). */
export function tokenUnits(text: string, field: string): bigint {
  const units = wrapQuantity(() => parseTokenUnits(text, field));
  if (units === 0n) throw new DomainError('INVALID_QUANTITY', `${field}: must be positive (got "${text}")`);
  return units;
}

export function nonEmpty(text: string, field: string): string {
  if (typeof text !== 'string' || text.trim() === '') throw new DomainError('INVALID_FIELD', `${field}: must not be empty`);
  return text;
}

// ISO 15022 20C `:4!c//16x`: up to 16 SWIFT x characters, and (network validated rule T26) no leading or trailing slash and no `//`.
const SETTLEMENT_REFERENCE = /^[A-Za-z0-9/\-?:().,'+ ]{1,16}$/;

/** A reference the custodian's settlement messages carry back (20C::RELA, 20C::ASRF), so it must fit their 16x field. */
export function settlementReference(text: string, field: string): string {
  if (typeof text !== 'string' || !SETTLEMENT_REFERENCE.test(text) || text.startsWith('/') || text.endsWith('/') || text.includes('//')) {
    throw new DomainError('INVALID_FIELD', `${field}: not a settlement reference (1 to 16 SWIFT characters, no leading or trailing slash, no "//"; got "${text}")`);
  }
  return text;
}

/** An ISO 15022 / 20022 reason code: four upper-case letters or digits (CLAC, LACK …). */
export function reasonCode(text: string, field: string): string {
  if (typeof text !== 'string' || !/^[A-Z0-9]{4}$/.test(text)) throw new DomainError('INVALID_FIELD', `${field}: not a four-character reason code (got "${text}")`);
  return text;
}

export function isin(text: string, field = 'isin'): string {
  if (!isValidIsin(text)) throw new DomainError('INVALID_ISIN', `${field}: not a valid ISIN (got "${text}")`);
  return text;
}

/** A BIC (ISO 9362) in its one normal form (bic.ts): BIC8 for the head office, whatever `XXX` or case it came with. */
export function bic(text: string, field: string): string {
  const normal = typeof text === 'string' ? normalizeBic(text) : undefined;
  if (normal === undefined) throw new DomainError('INVALID_BIC', `${field}: not a BIC (ISO 9362: 4 letters, 2 letters, 2 letters or digits, optionally 3 letters or digits; got "${text}")`);
  return normal;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO-8601 instant with an explicit offset; parsing a given text reads no clock. */
export function timestamp(text: string, field: string): string {
  if (!ISO_TIMESTAMP.test(text) || Number.isNaN(Date.parse(text))) {
    throw new DomainError('INVALID_TIMESTAMP', `${field}: not an ISO-8601 timestamp with offset (got "${text}")`);
  }
  return text;
}

/** A calendar date (YYYY-MM-DD), as trade and settlement dates are business dates, not instants. */
export function businessDate(text: string, field: string): string {
  if (!ISO_DATE.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
    throw new DomainError('INVALID_DATE', `${field}: not a calendar date YYYY-MM-DD (got "${text}")`);
  }
  return text;
}

export function positiveInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new DomainError('INVALID_FIELD', `${field}: must be a positive integer (got ${value})`);
  return value;
}

export function nonNegativeInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new DomainError('INVALID_FIELD', `${field}: must be a non-negative integer (got ${value})`);
  return value;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const TX_HASH = /^0x[0-9a-fA-F]{64}$/;

/** EVM addresses compare case-insensitively (EIP-55 case is only a checksum), so store them lower-case. */
export function evmAddress(text: string, field: string): string {
  if (!ADDRESS.test(text)) throw new DomainError('INVALID_ADDRESS', `${field}: not a 0x-prefixed 20-byte hex address (got "${text}")`);
  return text.toLowerCase();
}

export function txHash(text: string, field = 'txHash'): string {
  if (!TX_HASH.test(text)) throw new DomainError('INVALID_TX_HASH', `${field}: not a 0x-prefixed 32-byte hex hash (got "${text}")`);
  return text.toLowerCase();
}
