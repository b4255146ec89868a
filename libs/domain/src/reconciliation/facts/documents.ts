import { AnyDomainEvent } from '../../catalogue/domain-event';
import { PositionSubBalance, StatementBasis, StatementCompleteness } from '../../custody/events';
import { PolicyTerms } from '../../policy/terms';
import { StatementSchedule } from '../../schedule/schedule';
import { TradeSide } from '../../trade/events';

/** The envelope fields the fold needs, next to the upcast domain event. */
export interface FactEvent {
  readonly eventId: string;
  /** When the store recorded the event: the clock retention is counted on (never the wall clock). */
  readonly recordedAt: string;
  readonly event: AnyDomainEvent;
}

/**
 * A JSON-serializable document of facts, stored as jsonb under its key: bigints are decimal strings,
 * collections keyed by their natural id so a fold can find and replace one entry. Three kinds:
 * - `asset:<assetId>`: the asset stream plus every trade and issuance stream of the asset;
 * - `account:<custodian>/<account>`: one custody stream plus the links naming the account;
 * - `policy:reconciliation`: the approved reconciliation policy, one for the whole book.
 * Bounds (see retention.ts): every collection is either one entry per instrument, chain or linked
 * account, or limited by count or by a retention period counted back from the latest recordedAt.
 */
export type FactsDocument = AssetFacts | AccountFacts | PolicyFacts;

interface Tracked {
  /** Latest recordedAt folded in: the document's own clock for retention. */
  readonly latestRecordedAt: string;
  /** The last RECENT_EVENT_IDS event ids folded in, newest last: what makes a redelivery a no-op. */
  readonly recentEventIds: readonly string[];
}

export interface AssetFacts extends Tracked {
  readonly kind: 'asset';
  readonly assetId: string;
  readonly registration?: {
    readonly isin: string;
    readonly initialMultiplier: string;
    readonly registeredAt: string;
    readonly eventId: string;
  };
  /** Every MultiplierChanged, in stream order: one per corporate action, needed for rebases back to registration. */
  readonly multiplierChanges: readonly { readonly multiplier: string; readonly effectiveAt: string; readonly eventId: string }[];
  /** `<custodian>/<account>` → link. */
  readonly linkedAccounts: Readonly<Record<string, LinkedAccount>>;
  /** chain id → supply kept as a running sum of what was compacted, plus evidence. */
  readonly chains: Readonly<Record<string, ChainFacts>>;
  /** Trades not cancelled and not yet past retention after their last settlement. */
  readonly trades: Readonly<Record<string, TradeRecord>>;
  /** Requests not yet fulfilled and past retention. */
  readonly requests: Readonly<Record<string, RequestRecord>>;
  /** `<chainId>:<txHash>:<logIndex>` → mint or burn whose request is still kept, or observed with no request and within retention. */
  readonly transfers: Readonly<Record<string, TransferRecord>>;
}

export interface LinkedAccount {
  readonly custodian: string;
  readonly account: string;
  readonly eventId: string;
}

export interface ChainFacts {
  readonly chainId: number;
  /** Unknown until TokenDeployed arrives (a mint of another stream may come first). */
  readonly deployment?: { readonly decimals: number; readonly eventId: string; readonly recordedAt: string };
  /** Σ mints − Σ burns of transfers compacted out of `transfers`, base units, signed decimal string. */
  readonly compactedSupply: string;
  /**
   * The highest block of a watcher-observed transfer with no request that was folded into
   * `compactedSupply`. The watcher records a chain in block order, so every log at or below it was
   * observed before it was compacted: a repeat of one (a redelivery older than the recent ids) is
   * already counted, and a request's MintedOnChain / BurnedOnChain for one attaches without adding.
   */
  readonly compactedThroughBlock?: number;
  /** Σ contract shares of the compacted transfers (see `transferShares`), on a chain with on-chain multiplier updates. */
  readonly compactedShares?: string;
  /** How many transfers the compacted sums hold: each may carry one unit of the contract's rounding. */
  readonly compactedCount?: number;
  /** Transfers a reorg reverted (ChainTransferReverted), the latest REVERTED_TRANSFERS by block: a reverted log stays reverted. */
  readonly reverted?: readonly RevertedTransfer[];
  /** Highest block seen, compacted or not; lowered to the fork when a reorg orphans it (a block the chain still has). */
  readonly asOfBlock?: { readonly blockNumber: number; readonly blockTime: string };
  /** The latest MINT_BURN_EVIDENCE transfers by (block, log index), whichever order they arrived in. */
  readonly evidence: readonly TransferEvidence[];
  /** The chain watcher's latest `totalSupply()` reading (TotalSupplyRead), unless a reorg orphaned its block. */
  readonly totalSupplyReading?: SupplyReadingRecord;
  /** MultiplierUpdated logs of a rebasing token (ChainMultiplierObserved), in stream order: one per rebase. */
  readonly multiplierUpdates?: readonly ChainMultiplierRecord[];
}

export interface SupplyReadingRecord {
  /** Base units. */
  readonly amount: string;
  readonly blockNumber: number;
  readonly readAt: string;
  readonly eventId: string;
}

export interface ChainMultiplierRecord {
  readonly multiplier: string;
  readonly effectiveAt: string;
  readonly blockNumber: number;
  /** Orders an update against a mint in the same block; absent on documents written before it was kept. */
  readonly logIndex?: number;
  readonly eventId: string;
}

/** A log of an orphaned block: (tx hash, log index, block hash) names it; the block number places a hand-recorded one (no hash). */
export interface RevertedTransfer {
  readonly txHash: string;
  readonly logIndex: number;
  readonly blockNumber: number;
  readonly blockHash: string;
  readonly eventId: string;
}

export interface TransferEvidence {
  readonly blockNumber: number;
  readonly logIndex: number;
  readonly eventId: string;
}

export interface TradeRecord {
  readonly tradeId: string;
  readonly side: TradeSide;
  readonly quantity: string;
  readonly tradeDate: string;
  readonly settlementDate: string;
  /** The custodian and safekeeping account the trade settles in, when it names one. */
  readonly account?: { readonly custodian: string; readonly account: string };
  /** TradeExecuted and every TradeAmended. */
  readonly eventIds: readonly string[];
  readonly failures: readonly { readonly failureId: string; readonly reason: string; readonly failedAt: string; readonly eventId: string; readonly reasonCode?: string }[];
  readonly confirmations: readonly ConfirmationRecord[];
  /** Confirmations the custodian cancelled (SettlementReversed): out of `confirmations`, and never folded in again. */
  readonly reversed?: readonly string[];
  /** Set by the confirmation that leaves nothing remaining. */
  readonly settledAt?: string;
}

export interface ConfirmationRecord {
  readonly confirmationId: string;
  readonly side: TradeSide;
  readonly quantity: string;
  readonly settledAt: string;
  readonly eventId: string;
}

export interface RequestRecord {
  readonly requestId: string;
  readonly kind: 'mint' | 'redemption';
  readonly chainId: number;
  /** Base units. */
  readonly amount: string;
  readonly requestedAt: string;
  /** The trade the request names (its purchase or sale of the shares). */
  readonly tradeId?: string;
  readonly eventId: string;
}

export interface TransferRecord {
  /** Absent for a transfer the chain watcher observed (ChainTransferObserved) that no MintedOnChain / BurnedOnChain attached yet. */
  readonly requestId?: string;
  readonly direction: 'mint' | 'burn';
  readonly chainId: number;
  readonly txHash: string;
  readonly logIndex: number;
  /** Base units. */
  readonly amount: string;
  readonly blockNumber: number;
  readonly blockTime: string;
  /** The watcher's block hash; absent for a log recorded by hand until the watcher observes it. */
  readonly blockHash?: string;
  /**
   * A request's MintedOnChain / BurnedOnChain for a log already folded into the chain's compacted
   * supply (at or below `compactedThroughBlock`): it fulfils the request, it adds nothing.
   */
  readonly inCompactedSupply?: true;
  readonly eventId: string;
}

export interface AccountFacts extends Tracked {
  readonly kind: 'account';
  readonly custodian: string;
  readonly account: string;
  /** Assets that linked the account (CustodyAccountLinked arrives on the asset's stream). */
  readonly linkedAssetIds: readonly string[];
  /** Highest asOf of any StatementReceived, even one that did not become current. */
  readonly latestStatementDate?: string;
  readonly latestStatementEventId?: string;
  /** The statement that counts: the latest complete one; of one date, the reference completed last. */
  readonly current?: StatementRecord;
  /**
   * What counts again if a cancellation (23G CANC) withdraws the current statement: the statement
   * it replaced. Replaced by a later date, it is kept as a restored record (no pages: the holdings
   * it left are `baseHoldings`); replaced on the same date, as its record. One level only: the one
   * before it is not kept. Absent on documents written before cancellations were folded.
   */
  readonly previous?: StatementRecord;
  /** Holdings before the current statement, per ISIN: what a DELTA statement adds to. */
  readonly baseHoldings: Readonly<Record<string, HoldingRecord>>;
  /**
   * The business date of the statement `baseHoldings` come from, when it is earlier than the current
   * one: the movement between the two is what settles trades no confirmation covers (statement
   * evidence, matching/statement-evidence.ts). Absent on older documents and after a cancellation
   * restored the earlier statement (no movement is known then).
   */
  readonly baseAsOf?: string;
  /**
   * The holdings' movements between consecutive statements that counted before the current one,
   * oldest first, kept while their later date is within SETTLED_RETENTION_DAYS: the movement from
   * `baseAsOf` to the current statement is read from `baseHoldings` and the current statement.
   */
  readonly statementMovements?: readonly StatementMovementRecord[];
  /** References of the current date that a later one replaced: a redelivered page of one must not come back. */
  readonly replacedReferences: readonly string[];
  /**
   * Statements still missing pages (at most INCOMPLETE_STATEMENTS, the latest by date): waiting for
   * them, or, once the window has passed, missing-page breaks. None of them counts as holdings.
   */
  readonly incompleteStatements: readonly StatementRecord[];
  /** Conflicting deliveries of pages held (of the current statement or of one still missing pages). */
  readonly conflicts: readonly ConflictRecord[];
  /** movementId → movement, within retention. */
  readonly movements: Readonly<Record<string, MovementRecord>>;
  /** Statement of transactions pages delivered again with other postings. Absent on documents written before they were folded. */
  readonly transactionConflicts?: readonly TransactionsConflictRecord[];
  /** The account's approved statement schedule (StatementScheduleApproved); absent: the default daily calendar and grace. */
  readonly schedule?: ScheduleRecord;
  /**
   * ISINs held here that are not tokenized, put on the account's ignore list by an approved
   * ignore-instrument resolution (InstrumentIgnored), sorted: no unknown-instrument break is raised
   * for them. Absent: none. Kept for good, like the approval behind them.
   */
  readonly ignoredIsins?: readonly string[];
}

/** The reconciliation policy approved with four eyes; one document, read by every asset's pass. */
export interface PolicyFacts extends Tracked {
  readonly kind: 'policy';
  /** The latest PolicyApproved; absent: none ever was, and the reconciler judges by its settings' defaults. */
  readonly approved?: PolicyRecord;
}

export interface PolicyRecord {
  readonly proposalId: string;
  readonly policy: PolicyTerms;
  readonly checker: string;
  /** The instant it applies from: it is in force for reconciliations as of then and later. */
  readonly approvedAt: string;
  readonly eventId: string;
}

export interface ScheduleRecord {
  readonly proposalId: string;
  readonly schedule: StatementSchedule;
  readonly approvedAt: string;
  readonly eventId: string;
}

export interface StatementRecord {
  readonly statementReference: string;
  readonly asOf: string;
  readonly basis: StatementBasis;
  readonly completeness: StatementCompleteness;
  readonly pages: readonly PageRecord[];
  /** A statement counting again after the one that replaced it was cancelled: its holdings are `baseHoldings`, it has no pages. */
  readonly restored?: true;
}

export interface PageRecord {
  readonly statementId: string;
  readonly page: number;
  readonly lastPage: boolean;
  readonly receivedAt: string;
  readonly eventId: string;
  readonly positions: readonly PageLineRecord[];
}

export interface LineRecord {
  readonly isin: string;
  readonly quantity: string;
}

/**
 * A line of a page as the custodian stated it: the holding and, when reported, its breakdown
 * (available / not available, every sub-balance). Absent on pages folded before the breakdown was kept.
 */
export interface PageLineRecord extends LineRecord {
  readonly available?: string;
  readonly notAvailable?: string;
  readonly subBalances?: readonly PositionSubBalance[];
}

export interface HoldingRecord {
  readonly quantity: string;
  readonly eventIds: readonly string[];
}

/** How the holdings moved from one statement that counted to the next: only the ISINs that moved. */
export interface StatementMovementRecord {
  readonly fromDate: string;
  readonly toDate: string;
  readonly statementReference: string;
  /** ISIN → signed change (shares) and the events behind both holdings. */
  readonly changes: Readonly<Record<string, HoldingRecord>>;
}

export interface ConflictRecord {
  readonly statementId: string;
  readonly page: number;
  readonly eventId: string;
  readonly positions: readonly LineRecord[];
}

export interface MovementRecord {
  readonly movementId: string;
  readonly isin: string;
  readonly quantity: string;
  readonly movedAt: string;
  readonly eventId: string;
  /** The statement of transactions page it was posted on, if any. */
  readonly statementReference?: string;
  readonly page?: number;
}

/**
 * A statement of transactions page delivered again with other postings: net posted quantity per ISIN
 * on the delivery that counts (as recorded when the conflict was folded) and on the conflicting one.
 */
export interface TransactionsConflictRecord {
  readonly statementReference: string;
  readonly page: number;
  readonly eventId: string;
  /** Kept as long as movements are (retention), then dropped with them. */
  readonly detectedAt: string;
  readonly original: readonly LineRecord[];
  readonly originalEventIds: readonly string[];
  readonly conflicting: readonly LineRecord[];
}
