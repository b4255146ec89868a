// Public surface of @recon/domain: pure types and functions, no framework. Command handlers fold a
// stream with `<aggregate>Decider.evolve`, call `decide`, and append with the expected revision.
export * from './shared/fixed-point';
export * from './shared/decider';
export * from './shared/event';
export { isValidIsin } from './shared/isin';
export { isValidBic, normalizeBic, sameBic, bicParts, type BicParts } from './shared/bic';
export { canonicalJson } from './shared/canonical';
export { normaliseIdentity, sameIdentity } from './shared/identity';

export * from './catalogue/domain-event';
export { EVENT_CATALOGUE, EVENT_TYPES } from './catalogue/registry';
export * from './catalogue/upcast';
export * from './commands';

export * from './asset/events';
export type { AssetRegisteredV1Data } from './asset/events.v1';
export * from './asset/commands';
export { assetDecider, type AssetState, type DeployedToken } from './asset/decider';
export * from './asset/stream';

export * from './trade/events';
export * from './trade/commands';
export { tradeDecider, type TradeState } from './trade/decider';
export * from './trade/stream';

export * from './issuance/events';
export * from './issuance/commands';
export { issuanceDecider, type IssuanceState } from './issuance/decider';
export * from './issuance/stream';
export * from './issuance/transfer-claim';

export * from './chain/events';
export * from './chain/commands';
export { chainDecider, CHAIN_ANCHORS, foldChainEvents, type ChainState } from './chain/decider';
export * from './chain/recorded-positions';
export * from './chain/stream';

export * from './custody/events';
export * from './custody/commands';
export { custodyDecider, type CustodyState, type RecordedPage } from './custody/decider';
export * from './custody/stream';
export * from './custody/page-assembly';

export * from './schedule/schedule';
export * from './schedule/events';
export * from './schedule/commands';
export { scheduleDecider, type ScheduleState, type PendingSchedule } from './schedule/decider';
export * from './schedule/stream';

export * from './policy/terms';
export * from './policy/events';
export * from './policy/commands';
export { policyDecider, type PolicyState, type PendingPolicy } from './policy/decider';
export * from './policy/stream';

export * from './exception/break-types';
export * from './exception/events';
export * from './exception/commands';
export { exceptionDecider } from './exception/decider';
export type { ExceptionState, PendingProposal } from './exception/state';
export * from './exception/stream';
export { exceptionIdsFrom, type ExceptionIds, type Sha256Hex } from './exception/exception-id';
export * from './exception/ageing';
export * from './exception/sla';
export { shortExceptionId, subjectLabel } from './exception/subject-label';
export {
  RESOLUTION_OUTCOMES, RESOLUTION_REASON_CODES, legacyTerms, describeTerms,
  type ResolutionOutcome, type ResolutionReasonCode, type ResolutionTerms,
} from './exception/resolution';
export { resolutionHistory, type ResolutionRecord } from './exception/resolution-history';

export { type Duration, durationMs } from './matching/time';
export { type MultiplierPoint, type MultiplierInEffect, type TokenAmount, multiplierAt, tokensToShares } from './matching/quantities';
export * from './matching/unmatched';
export * from './matching/settlement-matching';
export * from './matching/confirmation-matching';
export * from './matching/movement-matching';
export * from './matching/issuance-matching';

export * from './period';

export * from './change';

export * from './reconciliation/snapshot';
export * from './reconciliation/policy';
export type { Finding } from './reconciliation/finding';
export { reconcileAsset, assessAsset, type AssetAssessment } from './reconciliation/reconcile-asset';
export * from './reconciliation/figures';
export * from './reconciliation/exception-cap';
export * from './reconciliation/exception-commands';
export * from './reconciliation/facts';
export { randomBatches, seededRandom } from './testing/seeded-random';
