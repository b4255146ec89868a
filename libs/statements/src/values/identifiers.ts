import { isValidIsin, normalizeBic } from '@recon/domain';
import { Fail } from './decimal';

/**
 * A BIC in the domain's one normal form (normalizeBic: BIC8 when the branch is XXX), so the MT
 * header's BIC8, a semt.002 BIC11 ending XXX and a CSV column name one custodian.
 */
export function canonicalBic(text: string, fail: Fail): string {
  return normalizeBic(text) ?? fail('is not a BIC (ISO 9362: 4 letters, 2 letters, 2 letters or digits, optionally 3 letters or digits)');
}

export function checkedIsin(text: string, fail: Fail): string {
  if (!isValidIsin(text)) fail('is not a valid ISIN');
  return text;
}

export function currencyCode(text: string, fail: Fail): string {
  if (!/^[A-Z]{3}$/.test(text)) fail('is not an ISO 4217 currency code');
  return text;
}
