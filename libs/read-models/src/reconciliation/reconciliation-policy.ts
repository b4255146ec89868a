import { ReconciliationPolicy } from '@recon/domain';

/** How the continuous reconciler judges: tolerances and windows, apart from the instant it runs at. */
export interface ReconcilerSettings {
  readonly policy: Omit<ReconciliationPolicy, 'now'>;
  /** More findings of one fault than this become one aggregate exception (see applyExceptionCap). */
  readonly exceptionCap: number;
  /** Hour (UTC) on the next business day by which an account's daily statement is due. */
  readonly statementDueHourUtc: number;
}

/**
 * Defaults for a daily-statement custody setup: a tolerance of a millionth of a share (rounding of
 * fractional custody quantities, not a real difference), T+2 settlement with a day's grace, a day
 * between a request and its mint or burn, two hours for the pages of one statement.
 */
export const DEFAULT_RECONCILER_SETTINGS: ReconcilerSettings = {
  policy: {
    tolerance: '0.000001',
    staleness: { default: { hours: 2 } },
    windows: { settlement: { days: 1 }, mintBurn: { days: 1 }, missingPage: { hours: 2 } },
    agedSettlementCriticalAfter: { days: 5 },
  },
  exceptionCap: 25,
  statementDueHourUtc: 9,
};
