import { orderBy } from '../matching/order';
import { abs } from '../matching/quantities';
import { formatShares, parseShares } from '../shared/fixed-point';
import { Finding, findingOf, Run } from './finding';
import { ConflictingDelivery, UnknownInstrumentLine } from './snapshot';

/** Unknown instrument: a statement line for an ISIN no asset maps to. Figures: quantity. */
function unknownInstrumentFinding(run: Run, line: UnknownInstrumentLine): Finding {
  return findingOf(run, {
    breakType: 'unknown-instrument',
    subject: `isin:${line.custodian}:${line.account}:${line.isin}`,
    fault: `custodian:${line.custodian}`,
    figures: { quantity: formatShares(parseShares(line.quantity)) },
    reason: `${line.custodian}/${line.account} statement ${line.statementReference} of ${line.statementDate} holds ${line.quantity} of ${line.isin}, which no asset maps to`,
    evidence: [line.eventIds],
  });
}

/**
 * Conflicting duplicate: one statement page delivered with different content. All deliveries of one
 * statement id are one break; the figures show the version that differs most from the delivery that
 * counts. Figures: original, conflicting, difference (conflicting − original), versions.
 */
function conflictingDuplicateFinding(run: Run, deliveries: readonly ConflictingDelivery[]): Finding {
  const differenceOf = (d: ConflictingDelivery) => parseShares(d.conflictingQuantity) - parseShares(d.originalQuantity);
  // Sorted first so that, of two versions that differ equally, the same one wins whatever the input order.
  const worst = orderBy(deliveries, (d) => [d.conflictingQuantity]).reduce((a, b) => (abs(differenceOf(b)) > abs(differenceOf(a)) ? b : a));
  const versions = new Set(deliveries.map((d) => d.conflictingQuantity)).size;
  return findingOf(run, {
    breakType: 'conflicting-duplicate',
    subject: `duplicate:${worst.statementId}`,
    fault: `custodian:${worst.custodian}`,
    figures: {
      original: formatShares(parseShares(worst.originalQuantity)),
      conflicting: formatShares(parseShares(worst.conflictingQuantity)),
      difference: formatShares(differenceOf(worst)),
      versions: String(versions),
    },
    reason: `${worst.custodian}/${worst.account} statement ${worst.statementReference} page ${worst.page} was delivered again with other content`,
    evidence: deliveries.map((d) => d.eventIds),
  });
}

export function statementContentFindings(run: Run, unknown: readonly UnknownInstrumentLine[], conflicts: readonly ConflictingDelivery[]): Finding[] {
  const byStatement = new Map<string, ConflictingDelivery[]>();
  for (const delivery of conflicts) byStatement.set(delivery.statementId, [...(byStatement.get(delivery.statementId) ?? []), delivery]);
  return [...unknown.map((line) => unknownInstrumentFinding(run, line)), ...[...byStatement.values()].map((group) => conflictingDuplicateFinding(run, group))];
}
