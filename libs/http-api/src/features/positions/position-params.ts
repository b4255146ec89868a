import { BadRequestException } from '@nestjs/common';
import { normalizeBic } from '@recon/domain';

const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,34}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface PositionsRequest {
  /** The custodian as statements record it: the BIC in the domain's normal form (BIC8 when the branch is XXX). */
  readonly custodian: string;
  readonly account: string;
  readonly asOf?: string;
  readonly knownAt?: string;
}

/** An instant with its offset, or nothing; a calendar date alone is refused, as it would not say which moment of the day. */
function instant(name: string, value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    problems.push(`${name}: must be an ISO-8601 timestamp with offset, e.g. 2026-03-02T18:00:00Z (got "${value}")`);
    return undefined;
  }
  return new Date(Date.parse(value)).toISOString();
}

/**
 * The route's parameters, every problem listed at once. The custodian is a BIC (ISO 9362: 4 letters
 * of institution, 2 of country, 2 of location, optionally 3 of branch), matched in the normal form the
 * statements are recorded under; the account is a safekeeping account (97A::SAFE is 35x).
 */
export function positionsRequest(custodian: string, account: string, asOf?: string, knownAt?: string): PositionsRequest {
  const problems: string[] = [];
  const bic = normalizeBic(custodian);
  if (bic === undefined) problems.push(`custodian: must be a BIC of 8 or 11 characters, e.g. CUSTCHZZ or CUSTCHZZXXX (got "${custodian}")`);
  if (!ACCOUNT.test(account)) problems.push(`account: must be 1-35 letters, digits, dots, dashes, slashes or underscores (got "${account}")`);
  const at = instant('asOf', asOf, problems);
  const known = instant('knownAt', knownAt, problems);
  if (known !== undefined && at === undefined && problems.length === 0) problems.push('knownAt: only with asOf');
  if (problems.length > 0) throw new BadRequestException({ message: problems });
  return { custodian: bic as string, account, ...(at === undefined ? {} : { asOf: at }), ...(known === undefined ? {} : { knownAt: known }) };
}
