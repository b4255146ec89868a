/**
 * The one normalized statement every format is read into. Quantities, prices and amounts are exact
 * decimals held as `bigint` counts of 10^-DECIMAL_SCALE (see values/decimal.ts); text goes in and
 * out through parseDecimal / formatDecimal, never through a JavaScript number.
 *
 * Optional values of positions may be present as `undefined`: every position is built with all its
 * keys, in one order, so that ten thousand of them share one object shape.
 */

export type StatementFormat = 'MT535' | 'MT536' | 'SEMT002' | 'CSV';

/** SETT / TRAD; semt.002 also knows CONT (contractual settlement date), which the domain does not. */
export type StatementBasis = 'SETTLED' | 'TRADED' | 'CONTRACTUAL';
/** COMP lists every holding of the account (absent = zero); DELT lists changed holdings only. */
export type StatementCompleteness = 'COMPLETE' | 'DELTA';
/** 23G NEWM / CANC: a cancellation withdraws an earlier statement with the same reference. */
export type StatementFunction = 'NEW' | 'CANCEL';
/** 23G /COPY, /DUPL, /CODU: a copy restates facts already sent, it is not a new fact. */
export type StatementCopy = 'COPY' | 'DUPLICATE' | 'COPY_DUPLICATE';

/** UNIT shares, FAMT face amount, AMOR amortised value, DITU digital token units. */
export type QuantityType = 'UNIT' | 'FAMT' | 'AMOR' | 'DITU';

export interface Quantity {
  readonly type: QuantityType;
  /** Signed, at DECIMAL_SCALE. */
  readonly units: bigint;
}

export interface Amount {
  /** ISO 4217 code. */
  readonly currency: string;
  readonly units: bigint;
}

export interface Price {
  /** Price type: MRKT (market), INDC (indicative) … */
  readonly type: string;
  /** PRCT percentage or YIEL yield (no currency); ACTU actual amount, DISC, PREM, PARV (with currency). */
  readonly valueType: string;
  readonly units: bigint;
  readonly currency?: string;
}

export type Availability = 'AVAILABLE' | 'NOT_AVAILABLE';

/** A part of the aggregate balance: blocked, pledged, pending delivery …, or a place of safekeeping. */
export interface SubBalance {
  /** The balance type code as sent (BLOK, PEND, PLED, AWAS …; AGGR/AVAI/NAVL in older MT535 releases). */
  readonly type: string;
  readonly quantity: Quantity;
  readonly availability?: Availability;
  readonly placeOfSafekeeping?: string;
}

export interface Instrument {
  /** Absent when the custodian identifies the instrument only by a local code (kept in the description). */
  readonly isin?: string;
  /** Description lines joined by single spaces. */
  readonly description?: string;
}

export interface Position {
  readonly instrument: Instrument;
  /** The holding (93B::AGGR, AggtBal). */
  readonly aggregate: Quantity;
  readonly available?: Quantity;
  readonly notAvailable?: Quantity;
  readonly price?: Price;
  /** Holding value (19A::HOLD, HldgVal). */
  readonly value?: Amount;
  readonly subBalances: readonly SubBalance[];
}

export interface AccountHoldings {
  readonly account: string;
  readonly positions: readonly Position[];
}

/** A business date, and the time and UTC offset when the sender gave them. */
export interface AsOf {
  /** YYYY-MM-DD */
  readonly date: string;
  /** HH:MM:SS, local to the sender unless utcOffset says otherwise. */
  readonly time?: string;
  /** ±HH:MM */
  readonly utcOffset?: string;
}

export interface StatementHeader {
  readonly format: StatementFormat;
  /** BIC of the account servicer: BIC8, or BIC11 when the branch is not XXX. */
  readonly custodian: string;
  /** The safekeeping account the statement is for. */
  readonly account: string;
  /** The sender's statement reference (20C::SEME, StmtId, BizMsgIdr); with the page it names one delivery. */
  readonly reference: string;
  readonly page: number;
  readonly lastPage: boolean;
  readonly asOf: AsOf;
  readonly basis: StatementBasis;
  readonly completeness: StatementCompleteness;
  readonly function: StatementFunction;
  readonly copy?: StatementCopy;
  /** DAIL, WEEK, MNTH, ADHO … */
  readonly frequency?: string;
}

export interface PageTotals {
  readonly page?: Amount;
  readonly statement?: Amount;
}

/** MT535, semt.002, CSV export: what the custodian holds. */
export interface HoldingsStatement extends StatementHeader {
  readonly kind: 'HOLDINGS';
  /** Positions of `account` itself. */
  readonly positions: readonly Position[];
  /** Positions of sub-safekeeping accounts, each named by its own account id. */
  readonly subAccounts: readonly AccountHoldings[];
  readonly totals: PageTotals;
}

export type PostingDirection = 'RECEIVE' | 'DELIVER';

export interface Posting {
  /** The account owner's or servicer's reference of the underlying transaction (20C in LINK). */
  readonly reference?: string;
  readonly direction: PostingDirection;
  readonly quantity: Quantity;
  readonly settlementDate?: string;
  readonly tradeDate?: string;
  readonly amount?: Amount;
  /** APMT against payment, FREE free of payment. */
  readonly payment?: string;
}

export interface StatedBalance {
  readonly quantity: Quantity;
  /** INOP / INCL: the instrument continues on another page, so this is not the period's first or last balance. */
  readonly intermediate: boolean;
}

export interface InstrumentMovements {
  readonly account: string;
  readonly instrument: Instrument;
  readonly opening?: StatedBalance;
  readonly closing?: StatedBalance;
  readonly postings: readonly Posting[];
}

/** MT536: what moved in a period. Opening ± postings = closing holds for every instrument. */
export interface TransactionsStatement extends StatementHeader {
  readonly kind: 'TRANSACTIONS';
  readonly period: { readonly from: AsOf; readonly to: AsOf };
  readonly movements: readonly InstrumentMovements[];
}

export type Statement = HoldingsStatement | TransactionsStatement;
