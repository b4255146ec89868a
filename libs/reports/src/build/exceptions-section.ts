import { ageBucket, EXCEPTION_EVENT_TYPES, ExceptionEvent, normaliseIdentity, upcast } from '@recon/domain';
import type { RecordedEvent } from '@recon/event-store';
import type { ExceptionLine, ExceptionsSection } from './report-document';

const EXCEPTION_TYPES: ReadonlySet<string> = new Set(EXCEPTION_EVENT_TYPES);

interface Folded {
  line: ExceptionLine;
  /** When the current piece of work began: the raise, or the latest reopening. */
  openedAt: string;
}

/** The business time an exception event happened at: its own `*At` field. */
export function exceptionEventTime(event: ExceptionEvent): string {
  const d = event.data as unknown as Record<string, string>;
  const field = Object.keys(d).find((key) => key.endsWith('At') && typeof d[key] === 'string');
  return field ? d[field]! : '';
}

/**
 * Folds the exception events that count for the report into the day's opened, closed and aged
 * lists. Events dated after the day's end are left out (an exception's history is business time
 * too), so a report of a past day does not show later resolutions.
 */
export function exceptionsSection(events: readonly RecordedEvent[], dayStart: string, dayEnd: string): ExceptionsSection {
  const byId = new Map<string, Folded>();
  const opened = new Set<string>();
  const closed = new Set<string>();
  const inDay = (at: string) => at >= dayStart && at < dayEnd;
  for (const recorded of events) {
    if (!EXCEPTION_TYPES.has(recorded.type)) continue;
    const event = upcast(recorded.type, recorded.schemaVersion, recorded.data) as ExceptionEvent;
    const at = exceptionEventTime(event);
    if (at >= dayEnd) continue;
    const id = event.data.exceptionId;
    const current = byId.get(id);
    if (event.type === 'ExceptionRaised') {
      if (current) continue;
      byId.set(id, { openedAt: at, line: {
        exceptionId: id, assetId: event.data.assetId, breakType: event.data.breakType, severity: event.data.severity, status: 'OPEN',
        raisedAt: event.data.raisedAt, resolvedAt: null, resolution: null, proposedBy: null, approvedBy: null, ageBucket: null } });
      if (inDay(at)) opened.add(id);
      continue;
    }
    if (!current) continue;
    const line = current.line;
    switch (event.type) {
      case 'ResolutionProposed':
        current.line = { ...line, status: 'AWAITING_APPROVAL', resolution: event.data.resolution, proposedBy: normaliseIdentity(event.data.maker) };
        break;
      case 'ResolutionApproved':
        // Maker and checker as the maker-checker rule compared them: one spelling per person.
        current.line = { ...line, proposedBy: normaliseIdentity(event.data.maker), approvedBy: normaliseIdentity(event.data.checker) };
        break;
      case 'ResolutionRejected':
        current.line = { ...line, status: 'OPEN', resolution: null, proposedBy: null };
        break;
      case 'ExceptionClosed':
        current.line = { ...line, status: 'CLOSED', resolvedAt: at, resolution: event.data.resolution };
        if (inDay(at)) closed.add(id);
        break;
      case 'ExceptionCleared':
        current.line = { ...line, status: 'CLEARED', resolvedAt: at, resolution: `cleared: ${event.data.reason}`, proposedBy: null, approvedBy: null };
        if (inDay(at)) closed.add(id);
        break;
      case 'ExceptionFolded':
        // Still a break, worked in the aggregate: neither closed nor aged on its own line.
        current.line = { ...line, status: 'FOLDED', resolution: `folded into ${event.data.intoExceptionId}`, proposedBy: null, approvedBy: null };
        break;
      case 'ExceptionReopened':
        current.openedAt = at;
        current.line = { ...line, status: 'OPEN', severity: event.data.severity, resolvedAt: null, resolution: null, proposedBy: null, approvedBy: null };
        if (inDay(at)) opened.add(id);
        closed.delete(id);
        break;
      case 'ExceptionFiguresUpdated':
        current.line = { ...line, severity: event.data.severity };
        break;
      case 'ExceptionAssigned':
      case 'ExceptionCommented':
        break;
    }
  }
  const lines = [...byId.values()].map(({ line, openedAt }) =>
    line.status === 'OPEN' || line.status === 'AWAITING_APPROVAL' ? { ...line, ageBucket: ageBucket(openedAt, dayEnd) } : line,
  );
  const byRaise = (a: ExceptionLine, b: ExceptionLine) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : a.exceptionId < b.exceptionId ? -1 : 1);
  return {
    opened: lines.filter((l) => opened.has(l.exceptionId)).sort(byRaise),
    closed: lines.filter((l) => closed.has(l.exceptionId)).sort(byRaise),
    aged: lines.filter((l) => l.ageBucket !== null).sort(byRaise),
  };
}
