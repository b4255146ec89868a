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

/** 23G as sent: NEWM a new message, CANC the cancellation of the message named in `cancels`. */
export type MessageFunction = 'NEWM' | 'CANC';
/** 23G subfunction / AppHdr CpyDplct: a copy or duplicate restates a message already sent, it is no new fact. */
export type CopyOrDuplicate = 'COPY' | 'DUPL' | 'CODU';
/** 28E page indicator: ONLY page, MORE pages follow, LAST page (semt.002: from PgNb and LastPgInd). */
export type PageContinuation = 'ONLY' | 'MORE' | 'LAST';
/** 22F::STBA / StmtBsis as sent. */
export type StatementBasisCode = 'SETT' | 'TRAD' | 'CONT';

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
  /** `quantity.units` as exact decimal text (`-50`, `0.000001`), for callers that store text. */
  readonly quantityDecimal: string;
  /** Data source scheme of a proprietary type code (93C `:PEND/ISSR/…`, SubBalTp/Prtry/Issr); absent for the standard codes. */
  readonly dataSourceScheme?: string;
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
  /** BIC of the account servicer in the domain's normal form (normalizeBic): BIC8, or BIC11 when the branch is not XXX. */
  readonly custodian: string;
  /** The safekeeping account the statement is for. */
  readonly account: string;
  /**
   * The sender's reference of this message (20C::SEME; semt.002 StmtId, else BizMsgIdr; the CSV
   * column). Unchanged meaning, but note: SWIFT gives every page its own SEME, so this names one
   * page, not the statement. Pages of one statement share `statementKey`; see also `messageReference`.
   */
  readonly reference: string;
  /** Same as `pageNumber`. */
  readonly page: number;
  /** `continuation` is ONLY or LAST. */
  readonly lastPage: boolean;
  /** The statement date (and time): 98a::STAT, StmtDtTm; for an MT536 the end of its period. */
  readonly asOf: AsOf;
  /**
   * This message's own reference: 20C::SEME (MT), the AppHdr's BizMsgIdr else StmtId (semt.002),
   * the reference column (CSV). Unique per message, so per page and per cancellation.
   */
  readonly messageReference: string;
  /** 20C::PREV of every A1 LINK block (semt.002: the AppHdr's Rltd/BizMsgIdr): earlier messages this one refers to, e.g. the page before. */
  readonly linkedReferences: readonly string[];
  /** 23G function as sent; `function` says the same in words. */
  readonly messageFunction: MessageFunction;
  /** 23G subfunction (semt.002: AppHdr CpyDplct); `copy` says the same in words. */
  readonly copyOrDuplicate?: CopyOrDuplicate;
  /**
   * For a CANC, the message it withdraws: the PREV reference of its LINK block (the first when
   * several are given), never its own SEME. A page's SEME withdraws that page; the ingestion side
   * decides whether that was the whole statement. Absent for NEWM.
   */
  readonly cancels?: string;
  /** `asOf` as one text: `2024-06-28`, `2024-06-28T17:30:00`, `2024-06-28T17:30:00+02:00`; an MT536's period `from/to`. */
  readonly statementDateTime: string;
  /** 22F::STTY as sent, CUST (custody) when absent; semt.002 and CSV are custody statements. */
  readonly statementType: string;
  /** `basis` as its code (22F::STBA, StmtBsis). */
  readonly basisCode: StatementBasisCode;
  /** 28E page number, semt.002 PgNb, from 1. */
  readonly pageNumber: number;
  readonly continuation: PageContinuation;
  /** The BIC of the message's sender in normal form (the FIN header, the AppHdr's From); absent when the file names none (a bare MT body, CSV). */
  readonly senderBic?: string;
  /**
   * Groups the pages of one statement whatever their SEMEs: kind, custodian, safekeeping account,
   * statement date (and time when given), statement type and basis (see statementKeyOf).
   */
  readonly statementKey: string;
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
