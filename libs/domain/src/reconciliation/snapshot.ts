import { StatementBasis } from '../custody/events';
import { CustodyMovement } from '../matching/movement-matching';
import { ChainMintBurn, IssuanceRequestToMatch } from '../matching/issuance-matching';
import { MultiplierPoint } from '../matching/quantities';
import { Duration } from '../matching/time';
import { AccountRef, SettlementConfirmation, TradeToSettle } from '../matching/settlement-matching';

/**
 * Everything the rules need to know about one asset at one moment, built by the application from
 * the event streams (read models). Share quantities are decimal strings; token amounts are bigint
 * base units, as the chain gives them. Every fact names the ids of the stored events behind it, so
 * a finding can be traced back to its source messages.
 */
export interface AssetSnapshot {
  readonly assetId: string;
  /** Shares per token over time, from the initial multiplier on (rebasing, splits, reinvested dividends). */
  readonly multipliers: readonly MultiplierPoint[];
  readonly chains: readonly ChainSupply[];
  /** One per custody account with a statement: the asset's line on the account's latest statement ("0" when a complete statement has none). */
  readonly positions: readonly CustodyPosition[];
  /** Trades not cancelled, still unsettled or settled after the oldest current statement date. */
  readonly trades: readonly TradeFacts[];
  readonly confirmations: readonly SettlementConfirmation[];
  readonly movements: readonly CustodyMovement[];
  readonly requests: readonly IssuanceRequestToMatch[];
  /** Mints and burns seen on chain (past the confirmation depth), attached to a request or not. */
  readonly mintsAndBurns: readonly ChainMintBurn[];
  readonly statements: StatementFacts;
}

export interface ChainSupply {
  readonly chainId: number;
  /** Σ mints − Σ burns from Transfer events, uint256 base units. */
  readonly supply: bigint;
  readonly decimals: number;
  /** The block (and its time) up to which Transfers were summed. */
  readonly asOfBlock: number;
  readonly asOfTime: string;
  readonly eventIds: readonly string[];
  /** The contract's own `totalSupply()`, read at a block, to check the Transfer sum against. */
  readonly totalSupplyReading?: TotalSupplyReading;
  /**
   * MultiplierUpdated logs read on this chain (rebasing tokens), as multipliers relative to "1" when
   * watching began: what may explain totalSupply() drifting from the Transfer sum on this chain.
   */
  readonly multiplierUpdates?: readonly MultiplierPoint[];
  /**
   * With on-chain multiplier updates: the contract shares the Transfers add up to, each converted at
   * the multiplier of its own block (`shares = amount × 1e18 / multiplier`, truncated as the
   * contract does), and how many transfers they sum (each may carry one unit of rounding).
   */
  readonly shares?: { readonly units: bigint; readonly transfers: number };
}

export interface TotalSupplyReading {
  readonly amount: bigint;
  readonly blockNumber: number;
  readonly readAt: string;
  readonly eventIds: readonly string[];
}

export interface CustodyPosition extends AccountRef {
  readonly quantity: string;
  readonly statementDate: string;
  readonly statementReference: string;
  /** SETTLED: settled holdings only; TRADED: includes trades executed up to the statement date. */
  readonly basis: StatementBasis;
  readonly eventIds: readonly string[];
  /**
   * How the asset's holding moved from each statement that counted to the next, oldest first, the
   * last one ending at this statement ("0" where it did not move): the statements' evidence of what
   * settled in between (statement-evidence.ts).
   */
  readonly statementMovements?: readonly StatementMovement[];
}

export interface StatementMovement {
  /** Business dates of the two statements: the movement happened after `fromDate`, up to `toDate`. */
  readonly fromDate: string;
  readonly toDate: string;
  readonly statementReference: string;
  /** Signed change in shares. */
  readonly quantity: string;
  readonly eventIds: readonly string[];
}

export interface TradeFacts extends TradeToSettle {
  /** Failure notices from the custodian (SettlementFailed); the trade stays due. */
  readonly failures: readonly SettlementFailureFact[];
}

export interface SettlementFailureFact {
  readonly failureId: string;
  readonly reason: string;
  readonly failedAt: string;
  readonly eventIds: readonly string[];
  /** The custodian's four-character reason code (24B::PENF//CLAC), when it gave one. */
  readonly reasonCode?: string;
}

/** Statement facts of the custody accounts linked to the asset. */
export interface StatementFacts {
  readonly expected: readonly ExpectedStatement[];
  /** Multi-page statements still being assembled (or never completed). */
  readonly pages: readonly StatementPages[];
  readonly unknownInstruments: readonly UnknownInstrumentLine[];
  readonly conflictingDuplicates: readonly ConflictingDelivery[];
}

/** When the account's next statement is due, and which one arrived last. */
export interface ExpectedStatement extends AccountRef {
  /** Business date the due statement covers. */
  readonly expectedDate: string;
  /** Instant it is due by (e.g. the statement date's next business morning). */
  readonly dueAt: string;
  /** The account's own grace after `dueAt`, from its approved schedule; absent: the policy's staleness. */
  readonly grace?: Duration;
  readonly latestStatementDate?: string;
  readonly eventIds: readonly string[];
}

export interface StatementPages extends AccountRef {
  readonly statementReference: string;
  readonly statementDate: string;
  readonly pagesReceived: readonly number[];
  /** Number of the page flagged as the last one, once it has arrived. */
  readonly lastPage?: number;
  /** When the first page arrived: the missing-page window runs from here. */
  readonly firstReceivedAt: string;
  readonly eventIds: readonly string[];
}

/** A statement line for an ISIN that no asset maps to. */
export interface UnknownInstrumentLine extends AccountRef {
  readonly isin: string;
  readonly quantity: string;
  readonly statementReference: string;
  readonly statementDate: string;
  readonly eventIds: readonly string[];
}

/** A statement page delivered again with other content (ConflictingDuplicateDetected), as this asset reads it. */
export interface ConflictingDelivery extends AccountRef {
  readonly statementId: string;
  readonly statementReference: string;
  readonly page: number;
  /** The asset's quantity on the delivery that counts, and on the conflicting one ("0" when absent). */
  readonly originalQuantity: string;
  readonly conflictingQuantity: string;
  readonly eventIds: readonly string[];
}
