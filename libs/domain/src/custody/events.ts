import { DomainEvent } from '../shared/event';

export type StatementBasis = 'SETTLED' | 'TRADED';
/** COMPLETE lists every holding of the account (absent = zero); DELTA lists changed holdings only. */
export type StatementCompleteness = 'COMPLETE' | 'DELTA';

export interface StatementPosition {
  readonly isin: string;
  /** Aggregate balance, decimal string (shares). */
  readonly quantity: string;
  /** Sub-balances as custodians report them (MT535 AVAI / NAVL); when both are given they sum to quantity. */
  readonly available?: string;
  readonly notAvailable?: string;
}

/** What a custodian said on one page of one holdings statement (MT535, semt.002, CSV export). */
export interface StatementContent {
  readonly statementId: string;
  readonly custodian: string;
  readonly account: string;
  readonly statementReference: string;
  readonly page: number;
  readonly lastPage: boolean;
  /** Business date (YYYY-MM-DD) the holdings are stated for. */
  readonly asOf: string;
  readonly basis: StatementBasis;
  readonly completeness: StatementCompleteness;
  /** Sorted by ISIN, quantities normalized: the same statement always reads the same. */
  readonly positions: readonly StatementPosition[];
}

export type StatementReceived = DomainEvent<'StatementReceived', StatementContent & { receivedAt: string }>;

/**
 * The same statement id delivered again with different content. Recorded as an event rather than
 * refused: the second delivery is evidence an auditor and the reconciler need ("conflicting
 * duplicate" break), and a refusal would leave it only in logs. The first delivery stays the one
 * that counts until a person resolves the break.
 */
export type ConflictingDuplicateDetected = DomainEvent<'ConflictingDuplicateDetected', StatementContent & { detectedAt: string }>;

export type CustodyMovementRecorded = DomainEvent<'CustodyMovementRecorded', {
  custodian: string;
  account: string;
  isin: string;
  /** Signed shares: positive in, negative out. */
  quantity: string;
  movementId: string;
  reason: string;
  /** Business time the position changed at the bank. */
  movedAt: string;
}>;

export type CustodyEvent = StatementReceived | ConflictingDuplicateDetected | CustodyMovementRecorded;

export const CUSTODY_EVENT_TYPES = ['StatementReceived', 'ConflictingDuplicateDetected', 'CustodyMovementRecorded'] as const satisfies readonly CustodyEvent['type'][];
