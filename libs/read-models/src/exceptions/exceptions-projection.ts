import { AnyDomainEvent, ExceptionEvent, EXCEPTION_EVENT_TYPES, SLA_HOURS, slaDueAt } from '@recon/domain';
import type { EntityManager } from 'typeorm';
import { assertReadModelSchema } from '../schema/schema-name';

/** Queue statuses, as the back office filters them. */
export const EXCEPTION_STATUSES = ['OPEN', 'AWAITING_APPROVAL', 'CLOSED', 'CLEARED'] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

const EXCEPTION_TYPES: ReadonlySet<string> = new Set(EXCEPTION_EVENT_TYPES);
export const isExceptionEvent = (event: AnyDomainEvent): event is ExceptionEvent => EXCEPTION_TYPES.has(event.type);

/**
 * Folds exception events into the queue table. Events of one exception arrive in stream order (one
 * asset, one partition; the embedded runner reads $all in order), and `stream_version` guards
 * against applying one twice when a caller replays a range.
 */
export async function applyExceptionEvent(m: EntityManager, schema: string, event: ExceptionEvent, streamVersion: number): Promise<void> {
  const t = `"${assertReadModelSchema(schema)}".exceptions`;
  const d = event.data;
  if (event.type === 'ExceptionRaised') {
    await m.query(
      `INSERT INTO ${t} (exception_id, asset_id, break_type, severity, status, raised_at, sla_due_at, last_changed_at, figures, evidence_event_ids, stream_version)
       VALUES ($1, $2, $3, $4, 'OPEN', $5, $6, $5, $7, $8, $9) ON CONFLICT (exception_id) DO NOTHING`,
      [d.exceptionId, d.assetId, event.data.breakType, event.data.severity, event.data.raisedAt, slaDueAt(event.data.raisedAt, event.data.severity),
        JSON.stringify(event.data.figures), JSON.stringify(event.data.evidenceEventIds), streamVersion],
    );
    return;
  }
  const update = (assignments: string, params: unknown[], at: string) =>
    m.query(
      `UPDATE ${t} SET ${assignments}, last_changed_at = $3, stream_version = $2 WHERE exception_id = $1 AND stream_version < $2`,
      [d.exceptionId, streamVersion, at, ...params],
    );
  switch (event.type) {
    case 'ExceptionAssigned':
      return void (await update('assignee = $4', [event.data.assignee], event.data.assignedAt));
    case 'ExceptionCommented':
      return void (await update('status = status', [], event.data.commentedAt));
    case 'ResolutionProposed':
      return void (await update(`status = 'AWAITING_APPROVAL', pending_maker = $4, pending_proposal = $5, resolution = $6`,
        [event.data.maker, event.data.proposalId, event.data.resolution], event.data.proposedAt));
    case 'ResolutionApproved':
      return void (await update('approved_by = $4', [event.data.checker], event.data.approvedAt));
    case 'ResolutionRejected':
      return void (await update(`status = 'OPEN', pending_maker = NULL, pending_proposal = NULL, resolution = NULL`, [], event.data.rejectedAt));
    case 'ExceptionClosed':
      return void (await update(`status = 'CLOSED', resolved_at = $3, resolution = $4, pending_maker = NULL, pending_proposal = NULL`,
        [event.data.resolution], event.data.closedAt));
    case 'ExceptionCleared':
      return void (await update(`status = 'CLEARED', resolved_at = $3, resolution = $4, pending_maker = NULL, pending_proposal = NULL`,
        [`cleared: ${event.data.reason}`], event.data.clearedAt));
    case 'ExceptionReopened':
      return void (await update(
        `status = 'OPEN', resolved_at = NULL, resolution = NULL, approved_by = NULL, reopen_count = reopen_count + 1,
         severity = $4, sla_due_at = $5, figures = $6, evidence_event_ids = $7`,
        // A reopened break is a new piece of work: its SLA runs from the reopening.
        [event.data.severity, slaDueAt(event.data.reopenedAt, event.data.severity), JSON.stringify(event.data.figures), JSON.stringify(event.data.evidenceEventIds)],
        event.data.reopenedAt,
      ));
    case 'ExceptionFiguresUpdated':
      // An escalated severity keeps the raise time, so escalation brings the due time forward.
      return void (await update(`severity = $4, sla_due_at = raised_at + make_interval(hours => $5), figures = $6, evidence_event_ids = $7`,
        [event.data.severity, SLA_HOURS[event.data.severity], JSON.stringify(event.data.figures), JSON.stringify(event.data.evidenceEventIds)],
        event.data.updatedAt));
  }
}
