import { DomainCommand } from '../shared/event';
import { PolicyTerms } from './terms';

/** The maker is `metadata.actor`; `proposalId` comes from the edge (derived from the Idempotency-Key when given). */
export type ProposePolicy = DomainCommand<'ProposePolicy', { proposalId: string; policy: PolicyTerms }>;
/** The checker is `metadata.actor`: someone other than the maker, holding the approver role (checked at the edge). */
export type ApprovePolicy = DomainCommand<'ApprovePolicy', { proposalId: string }>;
/** By a checker, or by the maker withdrawing their own proposal. */
export type RejectPolicy = DomainCommand<'RejectPolicy', { proposalId: string; reason: string }>;

export type PolicyCommand = ProposePolicy | ApprovePolicy | RejectPolicy;
