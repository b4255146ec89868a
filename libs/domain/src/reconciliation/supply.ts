import { abs, ceilDiv, MultiplierPoint, multiplierAt } from '../matching/quantities';
import { instantMs } from '../matching/time';
import { MULTIPLIER_SCALE, parseFixed } from '../shared/fixed-point';
import { Finding, findingOf, Run } from './finding';
import { ChainSupply, TotalSupplyReading } from './snapshot';

/**
 * A chain whose contract rebases on its own (MultiplierUpdated read on chain, as Backed's
 * fee-bearing tokens do): every balance is contract shares times the multiplier now, and a Transfer
 * carries tokens at the multiplier of its own block. So totalSupply() is the Transfers' shares
 * (each converted at its block's multiplier) times the multiplier at the reading, which holds for
 * mints and burns before and after any number of changes. Contracts truncate every conversion: the
 * reading is explained within one base unit per transfer (times the multiplier, when above one)
 * and one for the final product; a missed or doubled Transfer is far outside that.
 */
function explainedByOnChainRebase(chain: ChainSupply, reading: TotalSupplyReading): boolean {
  const updates = chain.multiplierUpdates ?? [];
  const shares = chain.shares;
  if (!shares || updates.length === 0) return false;
  const readMs = instantMs(reading.readAt, 'readAt');
  const current = [...updates].filter((p) => instantMs(p.effectiveAt, 'effectiveAt') <= readMs).at(-1);
  const one = 10n ** BigInt(MULTIPLIER_SCALE);
  const multiplier = current ? parseFixed(current.multiplier, MULTIPLIER_SCALE) : one;
  const expected = (shares.units * multiplier) / one;
  const perTransfer = multiplier > one ? ceilDiv(multiplier, one) : 1n;
  return abs(reading.amount - expected) <= BigInt(shares.transfers) * perTransfer + 1n;
}

/**
 * A token that is not watched as rebasing, under the asset's corporate-action timeline: after a
 * change `totalSupply()` may be the Transfer sum times the ratio of the multiplier now to one in
 * effect before. It is explained when it equals that to within one base unit (contracts truncate),
 * for any earlier multiplier: an indexing fault lands on such an exact ratio only by coincidence.
 */
function explainedByTimeline(chain: ChainSupply, reading: TotalSupplyReading, points: readonly MultiplierPoint[]): boolean {
  const readMs = instantMs(reading.readAt, 'readAt');
  const current = multiplierAt(points, reading.readAt).units;
  const earlier = points.filter((p) => instantMs(p.effectiveAt, 'effectiveAt') <= readMs).map((p) => parseFixed(p.multiplier, MULTIPLIER_SCALE));
  return earlier.some((before) => before !== current && abs(reading.amount * before - chain.supply * current) < before);
}

const explainedByRebase = (chain: ChainSupply, reading: TotalSupplyReading, points: readonly MultiplierPoint[]): boolean =>
  chain.multiplierUpdates?.length ? explainedByOnChainRebase(chain, reading) : explainedByTimeline(chain, reading, points);

/** Figures in base units: transferSumUnits, totalSupplyUnits, differenceUnits (totalSupply − Transfer sum). */
export function supplyFindings(run: Run, chains: readonly ChainSupply[], points: readonly MultiplierPoint[]): Finding[] {
  return chains.flatMap((chain) => {
    const reading = chain.totalSupplyReading;
    if (!reading || reading.amount === chain.supply || explainedByRebase(chain, reading, points)) return [];
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
