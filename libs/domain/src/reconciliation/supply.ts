import { abs, MultiplierPoint, multiplierAt } from '../matching/quantities';
import { instantMs } from '../matching/time';
import { MULTIPLIER_SCALE, parseFixed } from '../shared/fixed-point';
import { Finding, findingOf, Run } from './finding';
import { ChainSupply, TotalSupplyReading } from './snapshot';

/**
 * A rebasing contract scales every balance by new / old multiplier when a change takes effect, and
 * emits no Transfer for it; so after a change `totalSupply()` may be the Transfer sum times the
 * ratio of the multiplier now to one in effect before. It is explained when it equals that to within
 * one base unit (contracts truncate), for any earlier multiplier: an indexing fault (a missed or
 * doubled Transfer) lands on such an exact ratio only by coincidence.
 */
function explainedByRebase(chain: ChainSupply, reading: TotalSupplyReading, points: readonly MultiplierPoint[]): boolean {
  const readMs = instantMs(reading.readAt, 'readAt');
  const current = multiplierAt(points, reading.readAt).units;
  const earlier = points.filter((p) => instantMs(p.effectiveAt, 'effectiveAt') <= readMs).map((p) => parseFixed(p.multiplier, MULTIPLIER_SCALE));
  return earlier.some((before) => before !== current && abs(reading.amount * before - chain.supply * current) < before);
}

/**
 * A chain whose contract rebases on its own (MultiplierUpdated read on chain) is judged by its own
 * multipliers, from 1 when watching began; any other by the asset's corporate-action timeline.
 */
const pointsFor = (chain: ChainSupply, points: readonly MultiplierPoint[]): readonly MultiplierPoint[] =>
  chain.multiplierUpdates?.length ? [{ multiplier: '1', effectiveAt: '1970-01-01T00:00:00Z', eventIds: [] }, ...chain.multiplierUpdates] : points;

/** Figures in base units: transferSumUnits, totalSupplyUnits, differenceUnits (totalSupply − Transfer sum). */
export function supplyFindings(run: Run, chains: readonly ChainSupply[], points: readonly MultiplierPoint[]): Finding[] {
  return chains.flatMap((chain) => {
    const reading = chain.totalSupplyReading;
    if (!reading || reading.amount === chain.supply || explainedByRebase(chain, reading, pointsFor(chain, points))) return [];
    const difference = reading.amount - chain.supply;
    return [findingOf(run, {
      breakType: 'supply-mismatch',
      subject: `chain:${chain.chainId}`,
      fault: `chain:${chain.chainId}`,
      figures: { transferSumUnits: chain.supply.toString(), totalSupplyUnits: reading.amount.toString(), differenceUnits: difference.toString() },
      reason: `chain ${chain.chainId}: totalSupply() at block ${reading.blockNumber} is ${reading.amount}, Transfers up to block ${chain.asOfBlock} sum to ${chain.supply}`,
      evidence: [chain.eventIds, reading.eventIds],
    })];
  });
}
