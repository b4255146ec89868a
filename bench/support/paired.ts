/**
 * The one measuring method of every benchmark with a baseline (docs/benchmarks.md, "Method"):
 *
 * - one warm-up run of each side, not counted;
 * - then `pairs` pairs (BENCH_PAIRS, default 5, at least 5), each one baseline run and one value run
 *   back to back; the order flips from pair to pair (B A, A B, B A, ...), so a load that rises or
 *   falls during the bench favours neither side, and neither side always runs on the other's
 *   leftovers (garbage, dirty pages, a warm broker);
 * - per pair the ratio value/baseline: two runs seconds apart share the machine's load, so the ratio
 *   of a pair holds where absolute rates drift;
 * - reported: the median of the pair ratios with their min and max (the spread), and the medians of
 *   each side's rates.
 */
import { median, round } from './measure';

/** What one run did: `units` of work in `seconds`. A side that times only a phase of its run returns this. */
export interface Timed {
  readonly units: number;
  readonly seconds: number;
}

/** One run of a side: returns the units of work done (the harness times the whole call), or a Timed. */
export type Side = (run: number) => Promise<number | Timed>;

export interface PairedOptions {
  /** For progress lines on standard error. */
  readonly name: string;
  readonly value: Side;
  readonly baseline: Side;
  readonly pairs?: number;
  /** Digits the rates are rounded to in the result (ratios always to 3). */
  readonly digits?: number;
}

export interface PairedMeasurement {
  /** Median of the value runs' rates, units per second. */
  readonly value: number;
  readonly baseline: number;
  /** Median of the per-pair ratios, and their spread. */
  readonly ratio: number;
  readonly ratioMin: number;
  readonly ratioMax: number;
  /** Timed runs per side (the warm-up not counted), which is also the number of pairs. */
  readonly runs: number;
  readonly pairs: number;
  /** Each pair's ratio, in the order they ran. */
  readonly ratios: number[];
}

const MIN_PAIRS = 5;

/** BENCH_PAIRS, or 5; never fewer than 5. */
export function pairCount(requested = Number(process.env.BENCH_PAIRS ?? MIN_PAIRS)): number {
  if (!Number.isInteger(requested) || requested < MIN_PAIRS) throw new Error(`BENCH_PAIRS must be an integer ≥ ${MIN_PAIRS}, got ${requested}`);
  return requested;
}

async function once(side: Side, run: number): Promise<number> {
  const started = process.hrtime.bigint();
  const done = await side(run);
  const timed: Timed = typeof done === 'number' ? { units: done, seconds: Number(process.hrtime.bigint() - started) / 1e9 } : done;
  if (!(timed.units > 0) || !(timed.seconds > 0)) throw new Error(`a run reported ${timed.units} units in ${timed.seconds} s`);
  return timed.units / timed.seconds;
}

/** Warm-up, then alternating pairs; see the file header. */
export async function paired(options: PairedOptions): Promise<PairedMeasurement> {
  const pairs = pairCount(options.pairs);
  const digits = options.digits ?? 0;
  let run = 0;
  const warmValue = await once(options.value, run++);
  const warmBaseline = await once(options.baseline, run++);
  console.error(`${options.name} warm-up: ${round(warmValue, digits)} vs ${round(warmBaseline, digits)} (not counted)`);
  const values: number[] = [];
  const baselines: number[] = [];
  const ratios: number[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    let value: number;
    let baseline: number;
    if (pair % 2 === 0) {
      baseline = await once(options.baseline, run++);
      value = await once(options.value, run++);
    } else {
      value = await once(options.value, run++);
      baseline = await once(options.baseline, run++);
    }
    values.push(value);
    baselines.push(baseline);
    ratios.push(value / baseline);
    console.error(`${options.name} pair ${pair + 1}/${pairs}: ${round(value, digits)} vs ${round(baseline, digits)}, ratio ${round(value / baseline)}`);
  }
  return {
    value: round(median(values), digits),
    baseline: round(median(baselines), digits),
    ratio: round(median(ratios)),
    ratioMin: round(Math.min(...ratios)),
    ratioMax: round(Math.max(...ratios)),
    runs: pairs,
    pairs,
    ratios: ratios.map((r) => round(r)),
  };
}

/** The JSON line's measured fields, in the order of docs/benchmarks.md (without the per-pair list). */
export function measuredFields(m: PairedMeasurement): Pick<PairedMeasurement, 'value' | 'baseline' | 'ratio' | 'ratioMin' | 'ratioMax' | 'runs' | 'pairs'> {
  return { value: m.value, baseline: m.baseline, ratio: m.ratio, ratioMin: m.ratioMin, ratioMax: m.ratioMax, runs: m.runs, pairs: m.pairs };
}
