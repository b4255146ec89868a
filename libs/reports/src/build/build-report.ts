import type { RecordedEvent } from '@recon/event-store';
import { AsOfReplay, ReplayProgress, withBitemporalReplay } from '@recon/read-models';
import { exceptionsSection } from './exceptions-section';
import { proofOfReserves } from './proof-of-reserves';
import { REPORT_SCHEMA, ReportDocument } from './report-document';

export interface ReportRequest {
  /** The business day (YYYY-MM-DD, UTC). */
  readonly date: string;
  /** What the store had recorded by then (ISO-8601); default: every event read. */
  readonly knownAt?: string;
  /** Read `$all` no further (a rebuild pins the first build's range). */
  readonly upTo?: bigint;
  readonly assetId?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a request at the edge, naming the field, before any replay starts. */
export function validateReportRequest(request: ReportRequest): void {
  if (!DAY.test(request.date) || Number.isNaN(Date.parse(`${request.date}T00:00:00Z`))) {
    throw new RangeError(`date: must be a calendar day YYYY-MM-DD (got "${request.date}")`);
  }
  if (request.knownAt !== undefined && Number.isNaN(Date.parse(request.knownAt))) {
    throw new RangeError(`knownAt: must be an ISO-8601 time (got "${request.knownAt}")`);
  }
}

/** The exclusive end of a business day, and its start. */
export function dayBounds(date: string): { start: string; end: string } {
  const start = Date.parse(`${date}T00:00:00Z`);
  return { start: new Date(start).toISOString(), end: new Date(start + 86_400_000).toISOString() };
}

/**
 * Builds the daily report from a bitemporal replay (never the live read models). Deterministic:
 * nothing here reads a clock, and every list is ordered by its key.
 */
export async function buildReport(
  replay: AsOfReplay,
  request: ReportRequest,
  onProgress?: (progress: ReplayProgress) => void,
  onEvent?: (event: RecordedEvent) => void,
): Promise<ReportDocument> {
  validateReportRequest(request);
  const { start, end } = dayBounds(request.date);
  const knownAt = request.knownAt === undefined ? undefined : new Date(request.knownAt).toISOString();
  const counted: RecordedEvent[] = [];
  return withBitemporalReplay(
    replay,
    { businessTime: end, ...(knownAt ? { knownAt } : {}), ...(request.upTo === undefined ? {} : { upTo: request.upTo }) },
    async ({ dataSource, schema, range }) => ({
      schema: REPORT_SCHEMA,
      reportDate: request.date,
      businessTime: end,
      knownAt: range.knownAt,
      assetId: request.assetId ?? null,
      eventRange: { first: range.first, last: range.last, events: range.events, readThrough: range.readThrough },
      proofOfReserves: await proofOfReserves(dataSource, schema, request.assetId),
      exceptions: exceptionsSection(
        request.assetId === undefined ? counted : counted.filter((e) => (e.data as { assetId?: string }).assetId === request.assetId),
        start,
        end,
      ),
    }),
    {
      onEvent: (event) => {
        // Only exception history is kept beside the tables; keeping every event would cost memory.
        if (event.streamId.startsWith('exception-')) counted.push(event);
        onEvent?.(event);
      },
      ...(onProgress ? { onProgress } : {}),
    },
  );
}
