// Facts documents: the event stream folded, per asset and per custody account, into what a
// reconciliation snapshot needs; built incrementally, whatever order the streams interleave in.
export type * from './documents';
export { factKeysOf, factKeysForSnapshot, assetFactsKey, accountFactsKey, POLICY_FACTS_KEY } from './fact-keys';
export { policyInForce } from './policy-in-force';
export { evolveFacts, foldFacts } from './evolve-facts';
export { assetsAffectedBy } from './assets-affected';
export { snapshotOf, factsTimeOf, type SnapshotContext } from './snapshot-of';
export { holdingsOfAccount, type AccountHoldings, type HoldingLine } from './account-snapshot';
export { type StatementCalendar, dailyStatementCalendar } from './statement-calendar';
export {
  RECENT_EVENT_IDS, MINT_BURN_EVIDENCE, INCOMPLETE_STATEMENTS, HOLDING_EVIDENCE, MOVEMENT_RETENTION_DAYS, SETTLED_RETENTION_DAYS,
} from './retention';
