import { InvalidArgumentError } from 'commander';
import { normalizeBic } from '@recon/domain';

/** `--custodian BIC`: checked before any file is read, and kept in its normal form (BIC8 for the head office). */
export function custodianOption(text: string): string {
  const bic = normalizeBic(text);
  if (bic === undefined) throw new InvalidArgumentError('not a BIC (ISO 9362: 4 letters, 2 letters, 2 letters or digits, optionally 3 letters or digits)');
  return bic;
}
