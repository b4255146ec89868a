import { Duration, durationMs } from '../matching/time';
import { DomainError } from '../shared/decider';
import { InvalidQuantityError, formatShares, parseShares } from '../shared/fixed-point';

/**
 * The reconciliation policy as reference data: what an approver signs off, apart from the instant a
 * run judges at and from per-account staleness windows (an account's own schedule sets its grace).
 * Durations are whole days, hours and minutes, as everywhere in the domain.
 */
export interface PolicyTerms {
  /** Shares (decimal string at share precision): differences up to it are rounding, not breaks; also the matching tolerance. */
  readonly tolerance: string;
  /** How late a statement may be past its due time before it is a break, for an account without a schedule of its own. */
  readonly stalenessDefault: Duration;
  readonly windows: {
    /** After the settlement date: a trade still unsettled is aged. */
    readonly settlement: Duration;
    /** Between an issuance request and its mint or burn. */
    readonly mintBurn: Duration;
    /** From a statement's first page to its last. */
    readonly missingPage: Duration;
  };
  /** How long past its settlement date an aged settlement stays `high` before it becomes `critical`. */
  readonly agedSettlementCriticalAfter: Duration;
}

const UNITS = ['days', 'hours', 'minutes'] as const;

const invalid = (field: string, why: string): never => {
  throw new DomainError('INVALID_FIELD', `${field}: ${why}`);
};

/** Non-negative shares within SHARE_SCALE decimals, kept in its shortest spelling ("0.0010" → "0.001"). */
function validTolerance(text: unknown): string {
  if (typeof text !== 'string') return invalid('tolerance', 'must be a decimal string of shares such as "0.000001"');
  try {
    const units = parseShares(text, 'tolerance');
    if (units < 0n) invalid('tolerance', `must be 0 or more (got "${text}")`);
    return formatShares(units);
  } catch (error) {
    if (error instanceof InvalidQuantityError) throw new DomainError('INVALID_FIELD', error.message);
    throw error;
  }
}

/** Whole, non-negative days, hours and minutes, adding up to more than nothing: a window of zero would make every wait a break. */
function validDuration(duration: unknown, field: string): Duration {
  if (!duration || typeof duration !== 'object' || Array.isArray(duration)) return invalid(field, 'must be a duration such as { "hours": 2 }');
  const given = duration as Record<string, unknown>;
  const unknown = Object.keys(given).filter((key) => !(UNITS as readonly string[]).includes(key));
  if (unknown.length) invalid(`${field}.${unknown[0]}`, 'is not days, hours or minutes');
  const parts = UNITS.filter((unit) => given[unit] !== undefined);
  for (const unit of parts) {
    const value = given[unit];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) invalid(`${field}.${unit}`, `must be a whole number of ${unit}, 0 or more (got ${String(value)})`);
  }
  const kept: Duration = Object.fromEntries(parts.map((unit) => [unit, given[unit]]));
  if (durationMs(kept, field) <= 0) invalid(field, 'must be longer than nothing');
  return kept;
}

/** The policy as the domain keeps it, or a refusal naming the first bad field. */
export function validPolicyTerms(input: PolicyTerms): PolicyTerms {
  if (!input || typeof input !== 'object') return invalid('policy', 'must give tolerance, stalenessDefault, windows and agedSettlementCriticalAfter');
  const tolerance = validTolerance(input.tolerance);
  const stalenessDefault = validDuration(input.stalenessDefault, 'stalenessDefault');
  if (!input.windows || typeof input.windows !== 'object') invalid('windows', 'must give settlement, mintBurn and missingPage');
  const windows = {
    settlement: validDuration(input.windows.settlement, 'windows.settlement'),
    mintBurn: validDuration(input.windows.mintBurn, 'windows.mintBurn'),
    missingPage: validDuration(input.windows.missingPage, 'windows.missingPage'),
  };
  const agedSettlementCriticalAfter = validDuration(input.agedSettlementCriticalAfter, 'agedSettlementCriticalAfter');
  return { tolerance, stalenessDefault, windows, agedSettlementCriticalAfter };
}
