import { DomainEvent } from '../shared/event';
import { ChangeKind, ChangePayload } from './kinds';

/** A maker proposed a change: it counts for nothing until a different identity approves it. */
export type ChangeProposed = DomainEvent<'ChangeProposed', { changeId: string; kind: ChangeKind; payload: ChangePayload; summary: string; maker: string; proposedAt: string }>;
export type ChangeApproved = DomainEvent<'ChangeApproved', { changeId: string; maker: string; checker: string; approvedAt: string }>;
export type ChangeRejected = DomainEvent<'ChangeRejected', { changeId: string; maker: string; rejectedBy: string; reason: string; rejectedAt: string }>;
/** The approved change was written to its own stream (the events there name the change and its maker). */
export type ChangeApplied = DomainEvent<'ChangeApplied', { changeId: string; appliedAt: string; streamId: string; version: number; eventIds: readonly string[] }>;

export type ChangeEvent = ChangeProposed | ChangeApproved | ChangeRejected | ChangeApplied;

export const CHANGE_EVENT_TYPES = ['ChangeProposed', 'ChangeApproved', 'ChangeRejected', 'ChangeApplied'] as const satisfies readonly ChangeEvent['type'][];
