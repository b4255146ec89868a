import { isValidIsin } from '@recon/domain';
import { Fail } from './decimal';

const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;

/** A BIC in one canonical form, so MT and XML senders compare equal: the `XXX` branch is dropped. */
export function canonicalBic(text: string, fail: Fail): string {
  if (!BIC.test(text)) fail('is not a BIC');
  return text.length === 11 && text.endsWith('XXX') ? text.slice(0, 8) : text;
}

export function checkedIsin(text: string, fail: Fail): string {
  if (!isValidIsin(text)) fail('is not a valid ISIN');
  return text;
}

export function currencyCode(text: string, fail: Fail): string {
  if (!/^[A-Z]{3}$/.test(text)) fail('is not an ISO 4217 currency code');
  return text;
}
