import { AGE_BUCKETS, AgeBucket, ageBucket, BreakType, Severity, SEVERITIES, shortExceptionId, subjectLabel } from '@recon/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { assertReadModelSchema } from '../schema/schema-name';
import { ExceptionStatus } from './exceptions-projection';

export const EXCEPTION_SORT_KEYS = ['raisedAt', 'severity', 'slaDueAt', 'assetId', 'breakType', 'status', 'lastChangedAt'] as const;
export type ExceptionSortKey = (typeof EXCEPTION_SORT_KEYS)[number];

export interface ExceptionFilter {
  readonly status?: readonly ExceptionStatus[];
  readonly severity?: readonly Severity[];
  readonly assetId?: readonly string[];
  readonly breakType?: readonly BreakType[];
  readonly ageBucket?: readonly AgeBucket[];
  /**
   * Assigned to any of these identities (compared trimmed and case-folded), or to nobody when
   * `unassigned` is set too: "mine and unassigned" is one filter, an OR of the two.
   */
  readonly assignee?: readonly string[];
  readonly unassigned?: boolean;
  /** The instant ages and SLA countdowns are measured at. */
  readonly now: string;
  readonly sort?: ExceptionSortKey;
  readonly order?: 'asc' | 'desc';
  readonly limit?: number;
  readonly offset?: number;
}

export interface ExceptionListItem {
  readonly exceptionId: string;
  /** The id people see: break type and 8 characters of the hash. */
  readonly shortId: string;
  readonly assetId: string;
  readonly breakType: string;
  /** The subject key it was raised under ("trade:T1"), null when it predates subjects. */
  readonly subject: string | null;
  /** What it is about, to read: the ISIN, the chain and transfer, the account, the trade, the statement. */
  readonly subjectLabel: string;
  readonly severity: string;
  readonly status: string;
  readonly assignee: string | null;
  readonly pendingMaker: string | null;
  readonly raisedAt: string;
  /** Null once closed, cleared or folded: only open work runs an SLA. */
  readonly slaDueAt: string | null;
  readonly slaBreached: boolean;
  readonly ageBucket: AgeBucket;
  readonly lastChangedAt: string;
  readonly resolvedAt: string | null;
  readonly resolution: string | null;
  readonly approvedBy: string | null;
  readonly reopenCount: number;
  /** The resolution outcome proposed or in force, with its terms; all null when none (or a free-text resolution). */
  readonly outcome: string | null;
  readonly reasonCode: string | null;
  readonly justification: string | null;
  /** accept-difference: the largest difference tolerated; write-off: the amount written off. */
  readonly acceptedAmount: string | null;
  /** accept-difference: the last day the acceptance holds. */
  readonly acceptedUntil: string | null;
  /** Why it last reopened, kept while it is worked again. */
  readonly reopenReason: string | null;
  readonly figures: Record<string, string>;
  readonly evidenceEventIds: string[];
  readonly version: number;
}

export interface ExceptionPage {
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  readonly items: ExceptionListItem[];
}

const COLUMN: Record<ExceptionSortKey, string> = {
  raisedAt: 'raised_at',
  // Most severe first when descending: order by the position in SEVERITIES, not alphabetically.
  severity: `array_position(ARRAY['${SEVERITIES.join("','")}'], severity)`,
  slaDueAt: 'sla_due_at',
  assetId: 'asset_id',
  breakType: 'break_type',
  status: 'status',
  lastChangedAt: 'last_changed_at',
};

/**
 * Age buckets count whole days since the raise (see the domain's `ageBucket`), so each bucket is a
 * half-open range of raise times measured back from `now`.
 */
const BUCKET_DAYS: Record<AgeBucket, [number, number | undefined]> = { '0-1d': [0, 2], '2-7d': [2, 8], '8-30d': [8, 31], '>30d': [31, undefined] };

export async function listExceptions(db: DataSource | EntityManager, schema: string, filter: ExceptionFilter): Promise<ExceptionPage> {
  const params: unknown[] = [];
  const where: string[] = [];
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) where.push(`${column} = ANY($${params.push([...values])}::text[])`);
  };
  anyOf('status', filter.status);
  anyOf('severity', filter.severity);
  anyOf('asset_id', filter.assetId);
  anyOf('break_type', filter.breakType);
  const assignees = (filter.assignee ?? []).map((identity) => identity.trim().toLowerCase());
  const whose = [
    ...(assignees.length > 0 ? [`lower(btrim(assignee)) = ANY($${params.push(assignees)}::text[])`] : []),
    ...(filter.unassigned ? ['assignee IS NULL'] : []),
  ];
  if (whose.length > 0) where.push(`(${whose.join(' OR ')})`);
  if (filter.ageBucket && filter.ageBucket.length > 0) {
    const now = `$${params.push(filter.now)}::timestamptz`;
    where.push(`(${filter.ageBucket.map((bucket) => {
      const [from, to] = BUCKET_DAYS[bucket];
      const older = `raised_at <= ${now} - make_interval(days => ${from})`;
      return to === undefined ? older : `(${older} AND raised_at > ${now} - make_interval(days => ${to}))`;
    }).join(' OR ')})`);
  }
  const t = `"${assertReadModelSchema(schema)}".exceptions`;
  const ASSET_ISIN = assetIsin(schema);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  const offset = Math.max(filter.offset ?? 0, 0);
  const order = filter.order === 'asc' ? 'ASC' : 'DESC';
  const [{ total }] = (await db.query(`SELECT count(*)::int AS total FROM ${t} ${clause}`, params)) as Array<{ total: number }>;
  const rows = (await db.query(
    `SELECT *, ${ASSET_ISIN} FROM ${t} ${clause} ORDER BY ${COLUMN[filter.sort ?? 'raisedAt']} ${order} NULLS LAST, exception_id COLLATE "C" ASC
     LIMIT ${limit} OFFSET ${offset}`,
    params,
  )) as ExceptionRecord[];
  return { total: total ?? 0, limit, offset, items: rows.map((row) => toItem(row, filter.now)) };
}

export async function findException(db: DataSource | EntityManager, schema: string, exceptionId: string, now: string): Promise<ExceptionListItem | undefined> {
  const rows = (await db.query(`SELECT *, ${assetIsin(schema)} FROM "${assertReadModelSchema(schema)}".exceptions WHERE exception_id = $1`, [exceptionId])) as ExceptionRecord[];
  return rows[0] ? toItem(rows[0], now) : undefined;
}

/** The asset's ISIN beside each row: what a collateral break is about. */
const assetIsin = (schema: string) => `(SELECT isin FROM "${assertReadModelSchema(schema)}".assets a WHERE a.asset_id = exceptions.asset_id) AS asset_isin`;

interface ExceptionRecord {
  exception_id: string;
  asset_id: string;
  break_type: string;
  subject: string | null;
  asset_isin: string | null;
  severity: string;
  status: string;
  assignee: string | null;
  pending_maker: string | null;
  raised_at: Date;
  sla_due_at: Date | null;
  last_changed_at: Date;
  resolved_at: Date | null;
  resolution: string | null;
  approved_by: string | null;
  reopen_count: number;
  outcome: string | null;
  reason_code: string | null;
  justification: string | null;
  accepted_amount: string | null;
  accepted_until: string | null;
  reopen_reason: string | null;
  figures: Record<string, string>;
  evidence_event_ids: string[];
  stream_version: number;
}

function toItem(row: ExceptionRecord, now: string): ExceptionListItem {
  const raisedAt = new Date(row.raised_at).toISOString();
  const slaDueAt = row.sla_due_at === null ? null : new Date(row.sla_due_at).toISOString();
  const open = row.status === 'OPEN' || row.status === 'AWAITING_APPROVAL';
  return {
    exceptionId: row.exception_id,
    shortId: shortExceptionId(row.exception_id),
    assetId: row.asset_id,
    breakType: row.break_type,
    subject: row.subject,
    subjectLabel: subjectLabel(row.subject, { isin: row.asset_isin }),
    severity: row.severity,
    status: row.status,
    assignee: row.assignee,
    pendingMaker: row.pending_maker,
    raisedAt,
    slaDueAt,
    slaBreached: open && slaDueAt !== null && Date.parse(now) > Date.parse(slaDueAt),
    ageBucket: ageBucket(raisedAt, now),
    lastChangedAt: new Date(row.last_changed_at).toISOString(),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    resolution: row.resolution,
    approvedBy: row.approved_by,
    reopenCount: row.reopen_count,
    outcome: row.outcome,
    reasonCode: row.reason_code,
    justification: row.justification,
    acceptedAmount: row.accepted_amount,
    acceptedUntil: row.accepted_until,
    reopenReason: row.reopen_reason,
    figures: row.figures,
    evidenceEventIds: row.evidence_event_ids,
    version: row.stream_version,
  };
}

export const isAgeBucket = (value: string): value is AgeBucket => (AGE_BUCKETS as readonly string[]).includes(value);
