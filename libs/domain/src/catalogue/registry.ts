/**
 * The event catalogue: stored type name → current schema version, plus the upcasters that bring
 * older stored shapes up to date on read. Explicit on purpose: a type name is a published contract
 * of the store, so it must never be derived from a class or file name that a refactor could change.
 *
 * To change a shape: move the old one to the aggregate's events.v<N>.ts, bump `version` here and
 * add `upcasters[N]` (from N to N + 1). A change of meaning gets a new type name instead.
 */
import { upcastAssetRegisteredV1, upcastCustodyAccountLinkedV1 } from '../asset/events.v1';
import { DomainEventType } from './domain-event';

/** Takes data of schema version N and returns it in version N + 1. */
type Upcaster = (data: never) => object;

interface CatalogueEntry {
  readonly version: number;
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

// `satisfies` makes an event type missing from this table a compile error.
export const EVENT_CATALOGUE = {
  AssetRegistered: { version: 2, upcasters: { 1: upcastAssetRegisteredV1 } },
  TokenDeployed: { version: 1 },
  CustodyAccountLinked: { version: 2, upcasters: { 1: upcastCustodyAccountLinkedV1 } },
  MultiplierChanged: { version: 1 },
  TradeExecuted: { version: 1 },
  TradeAmended: { version: 1 },
  TradeCancelled: { version: 1 },
  TradeSettled: { version: 1 },
  SettlementFailed: { version: 1 },
  SettlementReversed: { version: 1 },
  MintRequested: { version: 1 },
  MintedOnChain: { version: 1 },
  RedemptionRequested: { version: 1 },
  BurnedOnChain: { version: 1 },
  ChainTransferClaimed: { version: 1 },
  ChainTransferReleased: { version: 1 },
  ChainTransferObserved: { version: 1 },
  ChainTransferReverted: { version: 1 },
  ChainMultiplierObserved: { version: 1 },
  TotalSupplyRead: { version: 1 },
  ChainReorgDetected: { version: 1 },
  StatementReceived: { version: 1 },
  ConflictingDuplicateDetected: { version: 1 },
  StatementCancelled: { version: 1 },
  StatementPageCancelled: { version: 1 },
  CustodyMovementRecorded: { version: 1 },
  ConflictingTransactionsDetected: { version: 1 },
  TransactionsCancelled: { version: 1 },
  StatementScheduleProposed: { version: 1 },
  StatementScheduleApproved: { version: 1 },
  StatementScheduleRejected: { version: 1 },
  PolicyProposed: { version: 1 },
  PolicyApproved: { version: 1 },
  PolicyRejected: { version: 1 },
  ExceptionRaised: { version: 1 },
  ExceptionAssigned: { version: 1 },
  ExceptionCommented: { version: 1 },
  ResolutionProposed: { version: 1 },
  ResolutionApproved: { version: 1 },
  ResolutionRejected: { version: 1 },
  ExceptionClosed: { version: 1 },
  AdjustmentRecorded: { version: 1 },
  InstrumentIgnored: { version: 1 },
  ExceptionCleared: { version: 1 },
  ExceptionFolded: { version: 1 },
  ExceptionReopened: { version: 1 },
  ExceptionFiguresUpdated: { version: 1 },
  PeriodSealed: { version: 1 },
  SealedPeriodCorrected: { version: 1 },
  ChangeProposed: { version: 1 },
  ChangeApproved: { version: 1 },
  ChangeRejected: { version: 1 },
  ChangeApplied: { version: 1 },
} as const satisfies Record<DomainEventType, CatalogueEntry>;

export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as readonly DomainEventType[];
