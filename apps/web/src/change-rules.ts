import type { ChangeRequest } from './types';

/** The signed-in user as these rules need it (the API client's Session has this shape). */
interface Signed {
  readonly user: string;
  readonly roles: readonly string[];
}

const isApprover = (session: Signed) => session.roles.includes('approver') || session.roles.includes('admin');

/** Identities are compared as the API compares them: trimmed and case-folded. */
const sameIdentity = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Why this user may not approve the change; null when the API would accept the approval. */
export function approvalRefusal(change: Pick<ChangeRequest, 'maker' | 'status'>, session: Signed): string | null {
  if (change.status !== 'PENDING') return null;
  // The maker first: even an approver may not approve their own change.
  if (sameIdentity(change.maker, session.user)) return `Maker-checker: you proposed this change (${session.user}), so another approver must approve it.`;
  if (!isApprover(session)) return 'Only an approver can approve a change.';
  return null;
}
