import { DomainCommand } from '../shared/event';
import { ChangeKind, ChangePayload } from './kinds';

/** The maker is `metadata.actor`; `changeId` comes from the edge (derived from the Idempotency-Key when given). */
export type ProposeChange = DomainCommand<'ProposeChange', { changeId: string; kind: ChangeKind; payload: ChangePayload; summary: string }>;
/** The checker is `metadata.actor`; `approver` says whether they hold the approver (or admin) role. */
export type ApproveChange = DomainCommand<'ApproveChange', { changeId: string; approver: boolean }>;
/** An approver rejects, or the maker withdraws their own; a reason either way. */
export type RejectChange = DomainCommand<'RejectChange', { changeId: string; reason: string; approver: boolean }>;
/** The approved change was carried out: which stream it wrote and which events. */
export type RecordChangeApplied = DomainCommand<'RecordChangeApplied', { changeId: string; streamId: string; version: number; eventIds: readonly string[] }>;

export type ChangeCommand = ProposeChange | ApproveChange | RejectChange | RecordChangeApplied;
