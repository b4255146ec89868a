import { AnyDomainEvent, ExceptionEvent, EXCEPTION_EVENT_TYPES, ResolutionTerms, slaDueAt } from '@recon/domain';
import type { EntityManager } from 'typeorm';
import { Column, insertRows, setFromExcluded } from '../projection/batch-write';
import { assertReadModelSchema } from '../schema/schema-name';

/** Queue statuses, as the back office filters them. */
/** FOLDED: worked inside an aggregate exception (its `resolution` names which) while the fault is over the cap. */
export const EXCEPTION_STATUSES = ['OPEN', 'AWAITING_APPROVAL', 'CLOSED', 'CLEARED', 'FOLDED'] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

const EXCEPTION_TYPES: ReadonlySet<string> = new Set(EXCEPTION_EVENT_TYPES);
export const isExceptionEvent = (event: AnyDomainEvent): event is ExceptionEvent => EXCEPTION_TYPES.has(event.type);

/** A queue row as the fold keeps it: instants as ISO strings, jsonb columns as values. */
interface QueueRow {
  exception_id: string;
  asset_id: string;
  break_type: string;
  /** The subject key it was raised under ("trade:T1"); null for one raised before subjects were kept. */
  subject: string | null;
  severity: string;
  status: ExceptionStatus;
  assignee: string | null;
  pending_maker: string | null;
  pending_proposal: string | null;
  raised_at: string;
  /** Null while closed, cleared or folded: no SLA runs on work that is not open. */
  sla_due_at: string | null;
  last_changed_at: string;
  resolved_at: string | null;
  resolution: string | null;
  approved_by: string | null;
  reopen_count: number;
  /** The resolution outcome proposed or in force (resolution.ts); null when none, or for a free-text one. */
  outcome: string | null;
  reason_code: string | null;
  justification: string | null;
  /** accept-difference: the amount tolerated and the last day; write-off: the amount written off (no date). */
  accepted_amount: string | null;
  accepted_until: string | null;
  /** Why it was last reopened ("difference 12 exceeds accepted 10"); the earlier resolution stays in the stream's history. */
  reopen_reason: string | null;
  figures: unknown;
  evidence_event_ids: unknown;
  stream_version: number;
}

type Instants = 'raised_at' | 'sla_due_at' | 'last_changed_at' | 'resolved_at';
/** A row as pg returns it: timestamptz columns as Dates. */
type StoredRow = Omit<QueueRow, Instants> & Record<Instants, Date | null>;

const instant = (value: Date | string | null): string | null => (value === null ? null : value instanceof Date ? value.toISOString() : value);
const COLUMNS: ReadonlyArray<Column<QueueRow>> = [
  { name: 'exception_id', type: 'text', value: (r) => r.exception_id },
  { name: 'asset_id', type: 'text', value: (r) => r.asset_id },
  { name: 'break_type', type: 'text', value: (r) => r.break_type },
  { name: 'subject', type: 'text', value: (r) => r.subject },
  { name: 'severity', type: 'text', value: (r) => r.severity },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'assignee', type: 'text', value: (r) => r.assignee },
  { name: 'pending_maker', type: 'text', value: (r) => r.pending_maker },
  { name: 'pending_proposal', type: 'text', value: (r) => r.pending_proposal },
  { name: 'raised_at', type: 'timestamptz', value: (r) => r.raised_at },
  { name: 'sla_due_at', type: 'timestamptz', value: (r) => r.sla_due_at },
  { name: 'last_changed_at', type: 'timestamptz', value: (r) => r.last_changed_at },
  { name: 'resolved_at', type: 'timestamptz', value: (r) => r.resolved_at },
  { name: 'resolution', type: 'text', value: (r) => r.resolution },
  { name: 'approved_by', type: 'text', value: (r) => r.approved_by },
  { name: 'reopen_count', type: 'integer', value: (r) => r.reopen_count },
  { name: 'outcome', type: 'text', value: (r) => r.outcome },
  { name: 'reason_code', type: 'text', value: (r) => r.reason_code },
  { name: 'justification', type: 'text', value: (r) => r.justification },
  { name: 'accepted_amount', type: 'text', value: (r) => r.accepted_amount },
  { name: 'accepted_until', type: 'text', value: (r) => r.accepted_until },
  { name: 'reopen_reason', type: 'text', value: (r) => r.reopen_reason },
  { name: 'figures', type: 'jsonb', value: (r) => JSON.stringify(r.figures) },
  { name: 'evidence_event_ids', type: 'jsonb', value: (r) => JSON.stringify(r.evidence_event_ids) },
  { name: 'stream_version', type: 'integer', value: (r) => r.stream_version },
];
const SELECT_LIST = COLUMNS.map((c) => c.name).join(', ');
const UPSERT = `ON CONFLICT (exception_id) DO UPDATE SET ${setFromExcluded(COLUMNS.map((c) => c.name).filter((name) => name !== 'exception_id'))}`;

/**
 * Folds a batch's exception events into the queue table: the rows they name are read once, the
 * events applied to them in memory in order, and each changed row written once. Events of one
 * exception arrive in stream order (one asset, one partition; the embedded runner reads $all in
 * order), and `stream_version` makes an event the row has already seen (a replayed range) a no-op.
 */
export async function writeExceptionEvents(
  m: EntityManager, schema: string, events: ReadonlyArray<{ readonly event: ExceptionEvent; readonly streamVersion: number }>,
): Promise<void> {
  if (events.length === 0) return;
  const table = `"${assertReadModelSchema(schema)}".exceptions`;
  const ids = [...new Set(events.map(({ event }) => event.data.exceptionId))];
  const stored: StoredRow[] = await m.query(`SELECT ${SELECT_LIST} FROM ${table} WHERE exception_id = ANY($1::text[])`, [ids]);
  const rows = new Map<string, QueueRow>(stored.map((row) => [row.exception_id, {
    ...row, raised_at: instant(row.raised_at)!, sla_due_at: instant(row.sla_due_at), last_changed_at: instant(row.last_changed_at)!, resolved_at: instant(row.resolved_at),
  }]));
  const changed = new Set<string>();
  for (const { event, streamVersion } of events) {
    const before = rows.get(event.data.exceptionId);
    const after = applyToRow(before, event, streamVersion);
    if (after === before) continue;
    rows.set(event.data.exceptionId, after!);
    changed.add(event.data.exceptionId);
  }
  await insertRows(m, table, COLUMNS, [...changed].map((id) => rows.get(id)!), UPSERT);
}

const NO_TERMS = { outcome: null, reason_code: null, justification: null, accepted_amount: null, accepted_until: null } as const;

/** The structured terms a proposal or closure carries; a free-text one has none (its text is `resolution`). */
function termsOf(data: Partial<ResolutionTerms>): Pick<QueueRow, 'outcome' | 'reason_code' | 'justification' | 'accepted_amount' | 'accepted_until'> {
  if (data.outcome === undefined) return NO_TERMS;
  return { outcome: data.outcome, reason_code: data.reasonCode ?? null, justification: data.justification ?? null, accepted_amount: data.amount ?? null, accepted_until: data.until ?? null };
}

/** The row after one event; the same row when the event changes nothing. */
function applyToRow(row: QueueRow | undefined, event: ExceptionEvent, streamVersion: number): QueueRow | undefined {
  if (event.type === 'ExceptionRaised') {
    if (row) return row;
    const d = event.data;
    return {
      exception_id: d.exceptionId, asset_id: d.assetId, break_type: d.breakType, subject: d.subject ?? null, severity: d.severity, status: 'OPEN', assignee: null, pending_maker: null,
      pending_proposal: null, raised_at: d.raisedAt, sla_due_at: slaDueAt(d.raisedAt, d.severity), last_changed_at: d.raisedAt, resolved_at: null, resolution: null,
      approved_by: null, reopen_count: 0, ...NO_TERMS, reopen_reason: null, figures: d.figures, evidence_event_ids: d.evidenceEventIds, stream_version: streamVersion,
    };
  }
  if (!row || row.stream_version >= streamVersion) return row;
  const changed = (at: string, assignments: Partial<QueueRow>): QueueRow => ({ ...row, ...assignments, last_changed_at: at, stream_version: streamVersion });
  const settled = { pending_maker: null, pending_proposal: null };
  const done = { ...settled, sla_due_at: null };
  switch (event.type) {
    case 'ExceptionAssigned':
      return changed(event.data.assignedAt, { assignee: event.data.assignee });
    case 'ExceptionCommented':
      return changed(event.data.commentedAt, {});
    case 'ResolutionProposed':
      return changed(event.data.proposedAt, { status: 'AWAITING_APPROVAL', pending_maker: event.data.maker, pending_proposal: event.data.proposalId, resolution: event.data.resolution, ...termsOf(event.data) });
    case 'ResolutionApproved':
      return changed(event.data.approvedAt, { approved_by: event.data.checker });
    case 'ResolutionRejected':
      return changed(event.data.rejectedAt, { status: 'OPEN', ...settled, resolution: null, ...NO_TERMS });
    case 'ExceptionClosed':
      return changed(event.data.closedAt, { status: 'CLOSED', resolved_at: event.data.closedAt, resolution: event.data.resolution, ...termsOf(event.data), ...done });
    case 'AdjustmentRecorded':
    case 'InstrumentIgnored':
      // Recorded with the closure that follows; the entry itself is read from the stream (GET /exceptions/:id).
      return changed(row.last_changed_at, {});
    case 'ExceptionCleared':
      return changed(event.data.clearedAt, { status: 'CLEARED', resolved_at: event.data.clearedAt, resolution: `cleared: ${event.data.reason}`, ...NO_TERMS, ...done });
    case 'ExceptionFolded':
      return changed(event.data.foldedAt, { status: 'FOLDED', resolution: `folded into ${event.data.intoExceptionId}`, ...NO_TERMS, ...done });
    case 'ExceptionReopened':
      // A reopened break is a new piece of work: its SLA runs from the reopening.
      return changed(event.data.reopenedAt, {
        status: 'OPEN', resolved_at: null, resolution: null, approved_by: null, ...NO_TERMS, reopen_reason: event.data.reason, reopen_count: row.reopen_count + 1, severity: event.data.severity,
        sla_due_at: slaDueAt(event.data.reopenedAt, event.data.severity), figures: event.data.figures, evidence_event_ids: event.data.evidenceEventIds,
      });
    case 'ExceptionFiguresUpdated':
      // An escalated severity keeps the raise time, so escalation brings the due time forward.
      return changed(event.data.updatedAt, {
        severity: event.data.severity, sla_due_at: slaDueAt(row.raised_at, event.data.severity),
        figures: event.data.figures, evidence_event_ids: event.data.evidenceEventIds,
      });
  }
}
