/** The breaks a reconciliation team works: each is raised, aged and resolved as one exception. */
export const BREAK_TYPES = [
  'under-collateralized',
  'over-collateralized',
  'unmatched-mint-burn',
  'unexpected-custody-movement',
  'failed-aged-settlement',
  'missing-confirmation',
  'stale-missing-statement',
  'unknown-instrument',
  'supply-mismatch',
  'conflicting-duplicate',
] as const;
export type BreakType = (typeof BREAK_TYPES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The typical severity of each break; the reconciler may raise it (an aged settlement grows more severe). */
export const TYPICAL_SEVERITY: Readonly<Record<BreakType, Severity>> = {
  'under-collateralized': 'critical',
  'over-collateralized': 'medium',
  'unmatched-mint-burn': 'high',
  'unexpected-custody-movement': 'high',
  'failed-aged-settlement': 'high',
  'missing-confirmation': 'low',
  'stale-missing-statement': 'medium',
  'unknown-instrument': 'low',
  'supply-mismatch': 'high',
  'conflicting-duplicate': 'high',
};

export const isBreakType = (value: string): value is BreakType => (BREAK_TYPES as readonly string[]).includes(value);
export const isSeverity = (value: string): value is Severity => (SEVERITIES as readonly string[]).includes(value);
