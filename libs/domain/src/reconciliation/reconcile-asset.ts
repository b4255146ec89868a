import { BREAK_TYPES } from '../exception/break-types';
import { ExceptionIds } from '../exception/exception-id';
import { matchIssuance } from '../matching/issuance-matching';
import { matchMovements } from '../matching/movement-matching';
import { orderBy } from '../matching/order';
import { instantMs } from '../matching/time';
import { matchSettlements, SettlementMatching } from '../matching/settlement-matching';
import { collateralFindings } from './collateral';
import { AssetFigures, assetFiguresOf } from './figures';
import { unexpectedMovementFindings } from './custody-movements';
import { Finding, runOf } from './finding';
import { unmatchedMintBurnFindings } from './mints-and-burns';
import { ReconciliationPolicy } from './policy';
import { missingConfirmationFindings } from './missing-confirmations';
import { agedSettlementFindings } from './settlements';
import { settleByStatements } from './statement-evidence';
import { AssetSnapshot } from './snapshot';
import { statementContentFindings } from './statement-content';
import { statementTimelinessFindings } from './statement-timeliness';
import { supplyFindings } from './supply';

/** When each trade settled in full (its latest settlement), null while some of it is still to settle. */
const settledAtOf = (settlements: SettlementMatching): Map<string, string | null> =>
  new Map(settlements.trades.map((s) => [s.trade.tradeId, s.status === 'settled' ? orderBy(s.confirmations, (c) => [instantMs(c.settledAt, 'settledAt')]).at(-1)?.settledAt ?? null : null]));

/** What one reconciliation of an asset yields: its breaks, and the figures they were judged on. */
export interface AssetAssessment {
  readonly findings: Finding[];
  readonly figures: AssetFigures;
}

/**
 * Every break the snapshot shows for its asset, as of `policy.now`, and the asset's figures. Pure
 * and deterministic: the same snapshot and policy give the same findings in the same order (break
 * type as listed in BREAK_TYPES, then subject), whatever order the facts were listed in. An asset in
 * balance, with everything matched or still inside its window, gives none.
 *
 * 1. Match confirmations to trades, then movements to confirmations and unconfirmed trades, then
 *    settle by statement what the statements' movements show and no confirmation does
 *    (statement-evidence.ts), then mints and burns to requests and trades.
 * 2. Compute the asset's figures (figures.ts) from the facts and the settlement matches.
 * 3. Apply each rule to the facts, the figures and the matches.
 */
export function assessAsset(snapshot: AssetSnapshot, policy: ReconciliationPolicy, ids: ExceptionIds): AssetAssessment {
  const run = runOf(snapshot.assetId, policy, ids);
  const match = { tolerance: policy.tolerance, now: policy.now };
  const confirmed = matchSettlements(snapshot.trades, snapshot.confirmations, { ...match, window: policy.windows.settlement });
  // Movements on a statement of transactions are matched to what the custodian confirmed, not to what a holdings statement showed.
  const unconfirmed = confirmed.trades.filter((s) => s.confirmations.length === 0).map((s) => s.trade);
  const { settlements, evidence } = settleByStatements(confirmed, snapshot.positions, run.tolerance);
  const movements = matchMovements(snapshot.movements, snapshot.confirmations, unconfirmed, { ...match, window: policy.windows.settlement });
  const decimals = new Map(snapshot.chains.map((c) => [c.chainId, c.decimals]));
  const issuance = matchIssuance(snapshot.requests, snapshot.mintsAndBurns, snapshot.trades, {
    ...match, window: policy.windows.mintBurn, decimals, multipliers: snapshot.multipliers, tradeSettledAt: settledAtOf(settlements),
  });
  const figures = assetFiguresOf(snapshot, settlements, policy.now);
  const findings = [
    ...collateralFindings(run, snapshot, figures.collateral, issuance),
    ...supplyFindings(run, snapshot.chains, snapshot.multipliers),
    ...unmatchedMintBurnFindings(run, issuance),
    ...unexpectedMovementFindings(run, movements, settlements),
    ...agedSettlementFindings(run, snapshot.trades, settlements),
    ...missingConfirmationFindings(run, evidence),
    ...statementTimelinessFindings(run, snapshot.statements.expected, snapshot.statements.pages),
    ...statementContentFindings(run, snapshot.statements.unknownInstruments, snapshot.statements.conflictingDuplicates),
  ];
  return { findings: orderBy(findings, (f) => [BREAK_TYPES.indexOf(f.breakType), f.subject]), figures };
}

/** The breaks of `assessAsset`. */
export const reconcileAsset = (snapshot: AssetSnapshot, policy: ReconciliationPolicy, ids: ExceptionIds): Finding[] => assessAsset(snapshot, policy, ids).findings;
