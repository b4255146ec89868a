import { SettlementMatching } from '../matching/settlement-matching';
import { dayStartMs, DAY_MS, durationMs } from '../matching/time';
import { formatShares } from '../shared/fixed-point';
import { Finding, findingOf, Run } from './finding';
import { SettlementFailureFact, TradeFacts } from './snapshot';

/**
 * Failed / aged settlement: a trade with shares still unsettled once the settlement window after its
 * settlement date has passed, or at once from its settlement date when the custodian reported a
 * failure. `high` at first, `critical` once more than `agedSettlementCriticalAfter` late.
 * Figures: quantity, settled, remaining (shares), tolerance; reasonCode, the custodian's latest
 * failure reason code (MT548 24B::PENF, sese.024 Flng/Rsn/Cd) when it gave one.
 */
export function agedSettlementFindings(run: Run, trades: readonly TradeFacts[], matching: SettlementMatching): Finding[] {
  const criticalAfterMs = durationMs(run.policy.agedSettlementCriticalAfter, 'agedSettlementCriticalAfter');
  const failuresOf = new Map<string, readonly SettlementFailureFact[]>(trades.map((t) => [t.tradeId, t.failures]));
  return matching.trades.flatMap((status) => {
    if (status.status === 'settled') return [];
    const { trade } = status;
    const failures = failuresOf.get(trade.tradeId) ?? [];
    const settlementDayMs = dayStartMs(trade.settlementDate, 'settlementDate');
    const failed = failures.length > 0 && run.nowMs >= settlementDayMs;
    if (!status.overdue && !failed) return [];
    const lateMs = run.nowMs - (settlementDayMs + DAY_MS);
    const lateDays = Math.max(0, Math.floor(lateMs / DAY_MS));
    const unsettled = `${status.remaining} of ${trade.quantity} shares of ${trade.side} trade ${trade.tradeId} unsettled`;
    const reasonCode = failed ? [...failures].reverse().find((f) => f.reasonCode !== undefined)?.reasonCode : undefined;
    const reason = failed
      ? `${unsettled}; the custodian reported a failure: ${failures.map((f) => (f.reasonCode === undefined ? f.reason : `${f.reasonCode} ${f.reason}`)).join('; ')}`
      : `${unsettled} ${lateDays} day(s) after settlement date ${trade.settlementDate}`;
    return [findingOf(run, {
      breakType: 'failed-aged-settlement',
      subject: `trade:${trade.tradeId}`,
      fault: `settlement-date:${trade.settlementDate}`,
      severity: lateMs > criticalAfterMs ? 'critical' : 'high',
      figures: { quantity: trade.quantity, settled: status.settled, remaining: status.remaining, tolerance: formatShares(run.tolerance), ...(reasonCode === undefined ? {} : { reasonCode }) },
      reason,
      evidence: [trade.eventIds, ...status.confirmations.map((c) => c.eventIds), ...failures.map((f) => f.eventIds)],
    })];
  });
}
