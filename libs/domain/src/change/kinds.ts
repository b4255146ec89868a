/**
 * Every manual way to change what collateralization is computed from. Each is a proposal until a
 * second identity approves it; custodian files and the chain are evidence and are not listed here.
 */
export const CHANGE_KINDS = ['manual-statement', 'manual-movement', 'multiplier', 'deployment', 'custody-link', 'sealed-correction'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const isChangeKind = (value: unknown): value is ChangeKind => typeof value === 'string' && (CHANGE_KINDS as readonly string[]).includes(value);

/**
 * What the change would do once approved: the command's type and data as the maker gave them (already
 * validated), and where its facts come from. Opaque to this aggregate: the edge that proposed it
 * applies it, so the domain stores it as given.
 */
export interface ChangePayload {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly sourcing?: { readonly sourceDocument?: string; readonly businessTime?: string };
  /** For a sealed-period correction: why the sealed period is corrected, recorded with the seal. */
  readonly correctionReason?: string;
}
