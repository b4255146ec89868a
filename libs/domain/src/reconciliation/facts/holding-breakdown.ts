import { PositionSubBalance } from '../../custody/events';
import { formatShares, parseShares } from '../../shared/fixed-point';
import { PageLineRecord } from './documents';

/** The breakdown of one ISIN's holding: available, not available and every sub-balance, each summed over the lines that make it. */
export interface HoldingBreakdown {
  readonly available?: string;
  readonly notAvailable?: string;
  readonly subBalances: readonly PositionSubBalance[];
}

/**
 * Sums the breakdown of the lines that make one holding, as the holding itself is their sum (an ISIN
 * on several pages, for several sub-safekeeping accounts). A figure is known only when every line
 * states it: a line without it, or a holding a delta builds on (whose breakdown no statement gave),
 * makes it unknown rather than a part passed off as the whole. Sub-balances add up per code, place,
 * scheme and availability; they are known only when every line reports some.
 */
export class BreakdownSum {
  private available: bigint | undefined = 0n;
  private notAvailable: bigint | undefined = 0n;
  private subBalances: Map<string, { sub: PositionSubBalance; units: bigint }> | undefined = new Map();

  /** A part of the holding whose breakdown is not known (a delta's base). */
  addUnknown(): void {
    this.available = undefined;
    this.notAvailable = undefined;
    this.subBalances = undefined;
  }

  add(line: PageLineRecord): void {
    this.available = sumOf(this.available, line.available);
    this.notAvailable = sumOf(this.notAvailable, line.notAvailable);
    if (this.subBalances === undefined) return;
    if (line.subBalances === undefined || line.subBalances.length === 0) {
      this.subBalances = undefined;
      return;
    }
    for (const sub of line.subBalances) {
      const key = [sub.code, sub.placeOfSafekeeping ?? '', sub.dataSourceScheme ?? '', sub.availability].join('\u0000');
      const known = this.subBalances.get(key);
      this.subBalances.set(key, { sub, units: (known?.units ?? 0n) + parseShares(sub.quantity) });
    }
  }

  result(): HoldingBreakdown {
    const subBalances = [...(this.subBalances ?? new Map<string, { sub: PositionSubBalance; units: bigint }>())]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, { sub, units }]) => ({ ...sub, quantity: formatShares(units) }));
    return {
      ...(this.available === undefined ? {} : { available: formatShares(this.available) }),
      ...(this.notAvailable === undefined ? {} : { notAvailable: formatShares(this.notAvailable) }),
      subBalances,
    };
  }
}

const sumOf = (sum: bigint | undefined, quantity: string | undefined): bigint | undefined =>
  (sum === undefined || quantity === undefined ? undefined : sum + parseShares(quantity));
