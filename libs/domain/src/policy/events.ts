import { DomainEvent } from '../shared/event';
import { PolicyTerms } from './terms';

/** A maker proposed a reconciliation policy: it changes nothing until a checker approves it. */
export type PolicyProposed = DomainEvent<'PolicyProposed', { proposalId: string; policy: PolicyTerms; maker: string; proposedAt: string }>;
/**
 * The policy in force from `approvedAt` on. It carries the policy and its maker too, so the fold of
 * facts, a replay and an audit need this event alone.
 */
export type PolicyApproved = DomainEvent<'PolicyApproved', { proposalId: string; policy: PolicyTerms; maker: string; checker: string; approvedAt: string }>;
/** A checker turned the proposal down, or its maker withdrew it; the policy in force stays. */
export type PolicyRejected = DomainEvent<'PolicyRejected', { proposalId: string; maker: string; rejectedBy: string; reason: string; rejectedAt: string }>;

export type PolicyEvent = PolicyProposed | PolicyApproved | PolicyRejected;

export const POLICY_EVENT_TYPES = ['PolicyProposed', 'PolicyApproved', 'PolicyRejected'] as const satisfies readonly PolicyEvent['type'][];
