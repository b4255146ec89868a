import type { PositionSubBalance } from '../../../libs/domain/src/custody/events';
// Shapes of the API answers the screens read (see the OpenAPI document at /docs).

export interface ChainSupply {
  readonly chainId: number;
  readonly supply: string;
  readonly decimals: number | null;
  readonly lastBlock: string | null;
  readonly asOf: string | null;
  /** The chain watcher's latest totalSupply() reading; null for a chain not watched. */
  readonly totalSupply: string | null;
  readonly lastConfirmedBlock: ConfirmedBlock | null;
}

export interface ConfirmedBlock {
  readonly number: string;
  readonly time: string;
}

export interface Collateralization {
  readonly assetId: string;
  readonly symbol: string;
  readonly requiredShares: string;
  readonly heldShares: string;
  readonly pendingBuy: string;
  readonly pendingSell: string;
  readonly difference: string;
  readonly ratio: string | null;
  readonly asOf: string | null;
  readonly lastStatementDate: string | null;
  readonly chains: readonly ChainSupply[];
  /** The least advanced watched chain's last confirmed block; null when no chain is watched. */
  readonly lastConfirmedBlock: (ConfirmedBlock & { readonly chainId: number }) | null;
}

export interface CollateralizationHistoryPoint {
  readonly date: string;
  readonly recordedDate: string | null;
  readonly requiredShares: string | null;
  readonly heldShares: string | null;
  readonly difference: string | null;
  readonly ratio: string | null;
  readonly asOf: string | null;
}

export interface CollateralizationHistoryPage {
  readonly from: string;
  readonly to: string;
  readonly assets: ReadonlyArray<{ readonly assetId: string; readonly symbol: string; readonly points: readonly CollateralizationHistoryPoint[] }>;
}

export interface ExceptionItem {
  readonly exceptionId: string;
  /** The id people see (break type and 8 characters of the hash); the full id stays for the API and links. */
  readonly shortId: string;
  readonly assetId: string;
  readonly breakType: string;
  readonly subject: string | null;
  /** What the break is about: the ISIN, chain and transfer, account, trade or statement. */
  readonly subjectLabel: string;
  readonly severity: string;
  readonly status: string;
  readonly assignee: string | null;
  readonly pendingMaker: string | null;
  readonly raisedAt: string;
  /** Null once closed, cleared or folded: no SLA runs. */
  readonly slaDueAt: string | null;
  readonly slaBreached: boolean;
  readonly ageBucket: string;
  readonly resolution: string | null;
  readonly approvedBy: string | null;
  /** The approved (or proposed) outcome, its reason code and justification, once resolutions carry them. */
  readonly outcome?: string | null;
  readonly reasonCode?: string | null;
  readonly justification?: string | null;
  readonly figures: Record<string, string>;
  readonly version: number;
}

export interface ExceptionPage {
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  readonly items: ExceptionItem[];
}

export interface StoredEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
  readonly streamVersion: number;
  readonly globalPosition: string;
  readonly recordedAt: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

export interface ExceptionDetailData extends ExceptionItem {
  readonly evidence: Array<StoredEvent & { sourceDocument: string | null }>;
  readonly evidenceNotFound: string[];
  readonly history: Array<{ version: number; type: string; actor: string | null; recordedAt: string; data: Record<string, unknown> }>;
}

/** POST /exceptions/assign: the outcome of each exception, none left out. */
export interface BulkAssignResult {
  readonly assignee: string;
  readonly assigned: number;
  readonly refused: number;
  readonly outcomes: ReadonlyArray<
    | { readonly exceptionId: string; readonly outcome: 'assigned'; readonly version: number }
    | { readonly exceptionId: string; readonly outcome: 'refused'; readonly code: string; readonly reason: string }
  >;
}

/** GET /trace/:date/:assetId/:figure: a figure of a daily report and the events it rests on. */
export interface FigureTraceData {
  readonly date: string;
  readonly assetId: string;
  readonly figure: string;
  readonly value: string | null | ReadonlyArray<{ chainId: number; supply: string; lastBlock: string | null }>;
  readonly reportHash: string;
  readonly events: ReadonlyArray<{
    readonly eventId: string;
    readonly streamId: string;
    readonly streamVersion: number;
    readonly type: string;
    readonly recordedAt: string;
    readonly businessTime: string | null;
    readonly sourceDocument: string | null;
  }>;
}

/** GET /custody/accounts: an account with a statement that counts. */
export interface CustodyAccount {
  readonly custodian: string;
  readonly account: string;
  readonly statementReference: string;
  readonly statementDate: string;
}

/** The domain's own shape of a sub-balance (type only: nothing of the domain is bundled). */
export type { PositionSubBalance };

/** One ISIN of GET /custody/accounts/{custodian}/{account}/positions. */
export interface CustodyPosition {
  readonly isin: string;
  readonly assetId: string | null;
  readonly aggregate: string;
  readonly available: string | null;
  readonly notAvailable: string | null;
  readonly subBalances: readonly PositionSubBalance[];
  readonly statementReference: string;
  readonly statementDate: string;
  readonly sourceDocuments: readonly string[];
  readonly eventIds: readonly string[];
}

export interface AccountPositions {
  readonly asOf?: string;
  readonly custodian: string;
  readonly account: string;
  readonly statementReference: string;
  readonly statementDate: string;
  readonly basis: string;
  readonly completeness: string | null;
  readonly allPagesReceived: boolean | null;
  readonly positions: readonly CustodyPosition[];
}

/** GET /assets: a registered asset and the reference data in force (approved changes only). */
export interface RegisteredAsset {
  readonly assetId: string;
  readonly isin: string;
  readonly symbol: string;
  readonly name: string;
  readonly multiplier: string;
  readonly deployments: ReadonlyArray<{ readonly chainId: number; readonly contractAddress: string; readonly decimals: number }>;
  readonly custodyAccounts: ReadonlyArray<{ readonly custodian: string; readonly account: string }>;
}

/** GET /identities: someone work can be assigned to. */
export interface KnownIdentity {
  readonly id: string;
  readonly roles: readonly string[];
  readonly sources: readonly string[];
}

export const CHANGE_KINDS = ['manual-statement', 'manual-movement', 'multiplier', 'deployment', 'custody-link', 'sealed-correction', 'custody-schedule', 'reconciliation-policy'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;

/** GET /changes: a change to reference data or manual evidence, counted only once a second person approves it. */
export interface ChangeRequest {
  readonly changeId: string;
  readonly kind: ChangeKind;
  readonly summary: string;
  readonly payload: unknown;
  readonly maker: string;
  readonly proposedAt: string;
  readonly status: (typeof CHANGE_STATUSES)[number];
  readonly checker?: string;
  readonly rejectedBy?: string;
  readonly reason?: string;
  readonly decidedAt?: string;
  readonly approvalPath: string;
  readonly rejectionPath: string;
}

/** What a write route under four eyes answers: proposed, not yet in force. */
export interface ChangeProposed {
  readonly changeId: string;
  readonly status: 'PENDING';
}

export interface Duration {
  readonly days?: number;
  readonly hours?: number;
  readonly minutes?: number;
}

export interface ReconciliationPolicy {
  readonly tolerance: string;
  readonly stalenessDefault: Duration;
  readonly windows: { readonly settlement: Duration; readonly mintBurn: Duration; readonly missingPage: Duration };
  readonly agedSettlementCriticalAfter: Duration;
}

/** GET /reconciliation/policy: the policy in force and the change awaiting a checker, if any. */
export interface PolicyView {
  readonly effective: ReconciliationPolicy;
  readonly pending?: ReconciliationPolicy & { readonly changeId?: string; readonly maker?: string };
}

/** GET /custody/accounts/:c/:a/schedule */
export interface AccountSchedule {
  readonly custodian: string;
  readonly account: string;
  readonly current: Record<string, unknown> | null;
  readonly pending: ReadonlyArray<Record<string, unknown>>;
}

export const OUTCOMES = ['accept-difference', 'write-off', 'ignore-instrument', 'fixed-at-source'] as const;
export const REASON_CODES = ['TIMING', 'CUSTODIAN_ERROR', 'BOOKING_ERROR', 'CORPORATE_ACTION', 'NOT_TOKENIZED', 'ROUNDING', 'OTHER'] as const;
