import type { CollateralFigures } from '@recon/read-models';

/**
 * The daily report a regulator receives: proof of reserves per asset and the exceptions of the day,
 * built from a bitemporal replay. Every quantity is a decimal string; nothing here depends on the
 * wall clock, so the same events and cut always give the same document (see docs/reports.md).
 */
export const REPORT_SCHEMA = 'recon.daily-report/1';

export interface ChainSupplyLine {
  readonly chainId: number;
  readonly decimals: number | null;
  /** uint256 base units. */
  readonly supply: string;
  /** The last block whose mints and burns the supply includes. */
  readonly lastBlock: string | null;
  readonly asOf: string | null;
}

/** A custody statement position the held shares rest on. */
export interface StatementLine {
  readonly custodian: string;
  readonly account: string;
  readonly statementDate: string;
  readonly statementReference: string;
  readonly quantity: string;
  readonly basis: string;
}

/** The collateralization figures (required, held, pending buy and sell, difference, ratio) and what they rest on. */
export interface AssetReserves extends CollateralFigures {
  readonly assetId: string;
  readonly symbol: string;
  readonly multiplier: string;
  readonly lastStatementDate: string | null;
  readonly chains: readonly ChainSupplyLine[];
  readonly statements: readonly StatementLine[];
}

export interface ExceptionLine {
  readonly exceptionId: string;
  readonly assetId: string;
  readonly breakType: string;
  readonly severity: string;
  /** Status at the end of the report's business day. */
  readonly status: 'OPEN' | 'AWAITING_APPROVAL' | 'CLOSED' | 'CLEARED' | 'FOLDED';
  readonly raisedAt: string;
  readonly resolvedAt: string | null;
  readonly resolution: string | null;
  /** Maker and checker of the approved resolution (maker-checker). */
  readonly proposedBy: string | null;
  readonly approvedBy: string | null;
  /** Whole-day age bucket at the end of the day, for exceptions still open. */
  readonly ageBucket: string | null;
}

export interface ExceptionsSection {
  /** Raised (or reopened) during the day. */
  readonly opened: readonly ExceptionLine[];
  /** Closed by people or cleared by the reconciler during the day. */
  readonly closed: readonly ExceptionLine[];
  /** Still open at the end of the day, oldest first. */
  readonly aged: readonly ExceptionLine[];
}

export interface EventRange {
  readonly first: string | null;
  readonly last: string | null;
  readonly events: number;
  readonly readThrough: string;
}

export interface ReportDocument {
  readonly schema: typeof REPORT_SCHEMA;
  /** The business day reported (UTC). */
  readonly reportDate: string;
  /** Exclusive business-time cut: the end of the day. */
  readonly businessTime: string;
  /** The system time the report stands at: what the store had recorded by then. */
  readonly knownAt: string | null;
  readonly assetId: string | null;
  readonly eventRange: EventRange;
  readonly proofOfReserves: readonly AssetReserves[];
  readonly exceptions: ExceptionsSection;
}
