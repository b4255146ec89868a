import { IssuanceMatching } from '../matching/issuance-matching';
import { formatShares } from '../shared/fixed-point';
import { Finding, findingOf, Run } from './finding';

/**
 * Unmatched mint / burn, once the mint/burn window has passed: a mint or burn on chain that no
 * request or trade matches (figures: amountUnits, tolerance), or a request whose tokens were never
 * minted or burned in full (figures: requestedUnits, onChainUnits, remainingUnits, tolerance).
 * Token figures are base units.
 */
export function unmatchedMintBurnFindings(run: Run, matching: IssuanceMatching): Finding[] {
  const tolerance = formatShares(run.tolerance);
  const transfers = matching.unmatched.filter((u) => u.expired).map(({ item: t, reason }) => findingOf(run, {
    breakType: 'unmatched-mint-burn',
    subject: `transfer:${t.chainId}:${t.txHash}:${t.logIndex}`,
    fault: `chain:${t.chainId}`,
    figures: { amountUnits: t.amount.toString(), tolerance },
    reason: `${t.direction} of ${t.amount} base units in block ${t.blockNumber} on chain ${t.chainId}: ${reason}`,
    evidence: [t.eventIds],
  }));
  const requests = matching.requests.filter((r) => r.expired).map(({ request: r, onChain, remaining, transfers: seen }) => findingOf(run, {
    breakType: 'unmatched-mint-burn',
    subject: `request:${r.requestId}`,
    fault: `chain:${r.chainId}`,
    figures: { requestedUnits: r.amount.toString(), onChainUnits: onChain.toString(), remainingUnits: remaining.toString(), tolerance },
    reason: `${r.kind} request ${r.requestId} on chain ${r.chainId}: ${remaining} of ${r.amount} base units not seen on chain within the window`,
    evidence: [r.eventIds, ...seen.map((t) => t.eventIds)],
  }));
  return [...transfers, ...requests];
}
