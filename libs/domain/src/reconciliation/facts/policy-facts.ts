import { instantMs } from '../../matching/time';
import { FactEvent, PolicyFacts } from './documents';
import { laterInstant, RECENT_EVENT_IDS, rememberId } from './retention';

export const emptyPolicyFacts = (): PolicyFacts => ({ kind: 'policy', latestRecordedAt: '1970-01-01T00:00:00Z', recentEventIds: [] });

/**
 * Folds a PolicyApproved into the policy document: the approval with the latest `approvedAt` is the
 * policy in force. Approvals are ordered on their one stream, so this only matters for an old one
 * delivered again after the recent ids forgot it: it does not take the place of a later one.
 */
export function evolvePolicyFacts(before: PolicyFacts, { eventId, recordedAt, event }: FactEvent): PolicyFacts {
  if (before.recentEventIds.includes(eventId) || event.type !== 'PolicyApproved') return before;
  const tracking = { latestRecordedAt: laterInstant(before.latestRecordedAt, recordedAt), recentEventIds: rememberId(before.recentEventIds, eventId, RECENT_EVENT_IDS) };
  const { proposalId, policy, checker, approvedAt } = event.data;
  const current = before.approved;
  const newer = !current || instantMs(approvedAt, 'approvedAt') >= instantMs(current.approvedAt, 'approvedAt');
  return { ...before, ...tracking, ...(newer ? { approved: { proposalId, policy, checker, approvedAt, eventId } } : {}) };
}
