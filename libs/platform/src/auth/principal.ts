export const ROLES = ['operator', 'approver', 'auditor', 'regulator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller; every request carries one, and every event records its id as actor. */
export interface Principal {
  readonly id: string;
  readonly roles: readonly Role[];
  /** How the caller proved who it is. */
  readonly via: 'api-key' | 'token';
}

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
