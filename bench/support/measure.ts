import { readFile } from 'node:fs/promises';

/** One benchmark result line, as described in docs/benchmarks.md. */
export interface BenchResult {
  readonly bench: string;
  readonly unit: string;
  readonly value: number;
  readonly baseline?: number;
  readonly ratio?: number;
  /** The spread of the per-pair ratios (support/paired.ts). */
  readonly ratioMin?: number;
  readonly ratioMax?: number;
  readonly target?: number;
  readonly n?: number;
  readonly runs?: number;
  readonly pairs?: number;
  readonly peakRssMb?: number;
  readonly [extra: string]: unknown;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

/** Peak resident memory of another process (Linux VmHWM), in MB. */
export async function peakRssMbOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmHWM for process ${pid}`);
  return round(Number(kb) / 1024, 1);
}
