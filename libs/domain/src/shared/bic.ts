/**
 * BIC (ISO 9362 business identifier code): 4 letters for the institution (party prefix), 2 letters
 * for the country (ISO 3166-1 alpha-2), 2 letters or digits for the location, and optionally 3
 * letters or digits for the branch. `XXX` is the branch code of the institution's head office, so
 * `CUSTCHZZ` and `CUSTCHZZXXX` name the same party.
 *
 * Normal form: BIC8 whenever the branch is `XXX` (or absent), BIC11 only for a real branch. BIC8 is
 * what FIN logical terminal addresses and most custodians' statements carry, and it is the form
 * this system's custody streams were already keyed by (`custody-CUSTCHZZ-…`), so choosing it keeps
 * every existing stream id stable. Input is trimmed and upper-cased first: ISO 9362 codes are
 * upper case, but a CSV export or a hand-typed setting may not be.
 */
const BIC_SHAPE = /^([A-Z]{4})([A-Z]{2})([A-Z0-9]{2})([A-Z0-9]{3})?$/;
const HEAD_OFFICE_BRANCH = 'XXX';

export interface BicParts {
  readonly institution: string;
  readonly country: string;
  readonly location: string;
  /** Absent for a BIC8 and for the head office branch `XXX`. */
  readonly branch?: string;
}

/** True for an upper-case BIC8 or BIC11 exactly as ISO 9362 shapes it (no trimming, no case folding). */
export function isValidBic(text: string): boolean {
  return BIC_SHAPE.test(text);
}

/** The parts of a BIC, after trimming and upper-casing; undefined when it is not a BIC. */
export function bicParts(text: string): BicParts | undefined {
  const match = BIC_SHAPE.exec(text.trim().toUpperCase());
  if (!match) return undefined;
  const [, institution = '', country = '', location = '', branch] = match;
  return { institution, country, location, ...(branch === undefined || branch === HEAD_OFFICE_BRANCH ? {} : { branch }) };
}

/** The one stored form of a BIC (see above): `custchzzxxx` → `CUSTCHZZ`, `CUSTCHZZ001` stays BIC11. Undefined when it is not a BIC. */
export function normalizeBic(text: string): string | undefined {
  const parts = bicParts(text);
  return parts && `${parts.institution}${parts.country}${parts.location}${parts.branch ?? ''}`;
}

/** Whether two texts name the same party: a BIC8 and its BIC11 with branch `XXX` do. False if either is no BIC. */
export function sameBic(a: string, b: string): boolean {
  const left = normalizeBic(a);
  return left !== undefined && left === normalizeBic(b);
}
