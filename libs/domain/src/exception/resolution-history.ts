import { ExceptionEvent } from './events';
import { legacyTerms, ResolutionTerms } from './resolution';

/** One proposal and what became of it: approved and closed (and perhaps reopened, and why), rejected, or still pending. */
export interface ResolutionRecord extends ResolutionTerms {
  readonly proposalId: string;
  readonly resolution: string;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly status: 'pending' | 'rejected' | 'in-force' | 'reopened' | 'superseded';
  readonly approvedBy?: string;
  readonly closedAt?: string;
  readonly rejectedBy?: string;
  readonly rejectionReason?: string;
  readonly reopenedAt?: string;
  readonly reopenReason?: string;
  /** A write-off's adjusting entry, or an ignore-instrument's listing, as recorded on approval. */
  readonly recorded?: { readonly type: 'AdjustmentRecorded' | 'InstrumentIgnored'; readonly at: string };
}

/**
 * Every resolution an exception had, oldest first, from its stream: an earlier resolution stays in
 * the history when the break reopens, with the reason it reopened. A proposal still pending when
 * the reconciler cleared or folded the exception is `superseded`.
 */
export function resolutionHistory(events: readonly ExceptionEvent[]): ResolutionRecord[] {
  const records: ResolutionRecord[] = [];
  const update = (proposalId: string, change: Partial<ResolutionRecord>) => {
    const at = records.findIndex((r) => r.proposalId === proposalId);
    if (at >= 0) records[at] = { ...records[at]!, ...change };
  };
  const inForce = () => records.find((r) => r.status === 'in-force');
  for (const event of events) {
    switch (event.type) {
      case 'ResolutionProposed': {
        const { proposalId, maker, resolution, proposedAt, outcome, reasonCode, justification, amount, until, isin } = event.data;
        const terms = outcome && reasonCode && justification
          ? { outcome, reasonCode, justification, ...(amount === undefined ? {} : { amount }), ...(until === undefined ? {} : { until }), ...(isin === undefined ? {} : { isin }) }
          : legacyTerms(resolution);
        records.push({ ...terms, proposalId, resolution, proposedBy: maker, proposedAt, status: 'pending' });
        break;
      }
      case 'ResolutionApproved':
        update(event.data.proposalId, { approvedBy: event.data.checker });
        break;
      case 'ResolutionRejected':
        update(event.data.proposalId, { status: 'rejected', rejectedBy: event.data.rejectedBy, rejectionReason: event.data.reason });
        break;
      case 'AdjustmentRecorded':
        update(event.data.adjustmentId, { recorded: { type: 'AdjustmentRecorded', at: event.data.recordedAt } });
        break;
      case 'InstrumentIgnored': {
        const pending = records.find((r) => r.status === 'pending');
        if (pending) update(pending.proposalId, { recorded: { type: 'InstrumentIgnored', at: event.data.ignoredAt } });
        break;
      }
      case 'ExceptionClosed':
        update(event.data.proposalId, { status: 'in-force', closedAt: event.data.closedAt });
        break;
      case 'ExceptionReopened': {
        const closed = inForce();
        if (closed) update(closed.proposalId, { status: 'reopened', reopenedAt: event.data.reopenedAt, reopenReason: event.data.reason });
        break;
      }
      case 'ExceptionCleared':
      case 'ExceptionFolded':
        for (const r of records) if (r.status === 'pending') update(r.proposalId, { status: 'superseded' });
        break;
      default:
        break;
    }
  }
  return records;
}
