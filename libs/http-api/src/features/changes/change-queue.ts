import { Inject, Injectable } from '@nestjs/common';
import { AnyDomainEvent, CHANGE_STREAM_PREFIX, changeDecider, ChangeEvent, ChangeState, fold, POLICY_STREAM, PolicyEvent, ProposedChange, ScheduleEvent } from '@recon/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@recon/event-store';
import { EVENT_CODEC, EventCodec } from '@recon/command-execution';

export type QueueStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** One line of the pending-changes queue, whichever aggregate keeps its four-eyes history. */
export interface ChangeItem {
  readonly changeId: string;
  readonly kind: string;
  readonly summary: string;
  readonly payload: unknown;
  readonly maker: string;
  readonly proposedAt: string;
  readonly status: QueueStatus;
  readonly checker: string | null;
  readonly rejectedBy: string | null;
  readonly reason: string | null;
  readonly decidedAt: string | null;
  readonly appliedAt: string | null;
  /** Where a checker posts the approval (rejection: the same path ending in /rejection). */
  readonly approvalPath: string;
}

const SCHEDULE_PREFIX = 'schedule-';
const PAGE = 1000;

export const itemOfChange = (change: ProposedChange): ChangeItem => ({
  changeId: change.changeId,
  kind: change.kind,
  summary: change.summary,
  payload: change.payload,
  maker: change.maker,
  proposedAt: change.proposedAt,
  status: change.status,
  checker: change.checker ?? null,
  rejectedBy: change.rejectedBy ?? null,
  reason: change.reason ?? null,
  decidedAt: change.decidedAt ?? null,
  appliedAt: change.applied?.appliedAt ?? null,
  approvalPath: `/changes/${change.changeId}/approval`,
});

/** What a proposal-keeping aggregate's events say, in the queue's terms. */
type ProposalStep =
  | { readonly proposed: Omit<ChangeItem, 'status' | 'checker' | 'rejectedBy' | 'reason' | 'decidedAt' | 'appliedAt'> }
  | { readonly approved: { readonly proposalId: string; readonly checker: string; readonly at: string } }
  | { readonly rejected: { readonly proposalId: string; readonly rejectedBy: string; readonly reason: string; readonly at: string } };

/**
 * Schedules and the reconciliation policy keep their proposals in their own streams and routes; the
 * queue folds their proposed / approved / rejected steps into items beside the change requests.
 */
function proposalItems(steps: readonly ProposalStep[]): ChangeItem[] {
  const items = new Map<string, ChangeItem>();
  for (const step of steps) {
    if ('proposed' in step) {
      items.set(step.proposed.changeId, { ...step.proposed, status: 'PENDING', checker: null, rejectedBy: null, reason: null, decidedAt: null, appliedAt: null });
      continue;
    }
    const { proposalId } = 'approved' in step ? step.approved : step.rejected;
    const item = items.get(proposalId);
    if (!item) continue;
    if ('approved' in step) items.set(proposalId, { ...item, status: 'APPROVED', checker: step.approved.checker, decidedAt: step.approved.at, appliedAt: step.approved.at });
    else items.set(proposalId, { ...item, status: 'REJECTED', rejectedBy: step.rejected.rejectedBy, reason: step.rejected.reason, decidedAt: step.rejected.at });
  }
  return [...items.values()];
}

function scheduleStep(event: ScheduleEvent): ProposalStep {
  const { custodian, account, proposalId } = event.data;
  switch (event.type) {
    case 'StatementScheduleProposed': {
      const { schedule } = event.data;
      return {
        proposed: {
          changeId: proposalId, kind: 'custody-schedule', summary: `statement schedule of ${custodian}/${account}: ${schedule.frequency}, cut-off ${schedule.cutOff} ${schedule.timezone}`,
          payload: { custodian, account, schedule }, maker: event.data.maker, proposedAt: event.data.proposedAt,
          approvalPath: `/custody/accounts/${custodian}/${account}/schedule-proposals/${proposalId}/approval`,
        },
      };
    }
    case 'StatementScheduleApproved': return { approved: { proposalId, checker: event.data.checker, at: event.data.approvedAt } };
    case 'StatementScheduleRejected': return { rejected: { proposalId, rejectedBy: event.data.rejectedBy, reason: event.data.reason, at: event.data.rejectedAt } };
  }
}

function policyStep(event: PolicyEvent): ProposalStep {
  const { proposalId } = event.data;
  switch (event.type) {
    case 'PolicyProposed':
      return {
        proposed: {
          changeId: proposalId, kind: 'reconciliation-policy', summary: `reconciliation policy: tolerance ${event.data.policy.tolerance} shares`,
          payload: event.data.policy, maker: event.data.maker, proposedAt: event.data.proposedAt,
          approvalPath: `/reconciliation/policy/proposals/${proposalId}/approval`,
        },
      };
    case 'PolicyApproved': return { approved: { proposalId, checker: event.data.checker, at: event.data.approvedAt } };
    case 'PolicyRejected': return { rejected: { proposalId, rejectedBy: event.data.rejectedBy, reason: event.data.reason, at: event.data.rejectedAt } };
  }
}

/**
 * The queue, read from the event store so it needs no read model: every change stream and every
 * account's schedule stream and the reconciliation policy's, oldest proposal first. It reads `$all` once; the change streams are
 * few beside the business events, but the scan grows with the store (a read model is the next step).
 */
@Injectable()
export class ChangeQueue {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_CODEC) private readonly codec: EventCodec,
  ) {}

  async list(filter: { statuses?: readonly string[]; kinds?: readonly string[] }): Promise<ChangeItem[]> {
    const byStream = new Map<string, RecordedEvent[]>();
    let after = 0n;
    for (let page = await this.store.readAll({ after, maxCount: PAGE }); page.length > 0; page = await this.store.readAll({ after, maxCount: PAGE })) {
      for (const recorded of page) {
        if (recorded.streamId.startsWith(CHANGE_STREAM_PREFIX) || recorded.streamId.startsWith(SCHEDULE_PREFIX) || recorded.streamId === POLICY_STREAM) byStream.set(recorded.streamId, [...(byStream.get(recorded.streamId) ?? []), recorded]);
      }
      after = page[page.length - 1]!.globalPosition;
    }
    const items: ChangeItem[] = [];
    for (const [streamId, recorded] of byStream) {
      const events = recorded.map((event) => this.codec.decode(event) as AnyDomainEvent);
      if (streamId.startsWith(SCHEDULE_PREFIX)) {
        items.push(...proposalItems((events as ScheduleEvent[]).map(scheduleStep)));
        continue;
      }
      if (streamId === POLICY_STREAM) {
        items.push(...proposalItems((events as PolicyEvent[]).map(policyStep)));
        continue;
      }
      const state: ChangeState = fold(changeDecider, events as ChangeEvent[]);
      if (state.status !== 'NONE') items.push(itemOfChange(state));
    }
    return items
      .filter((item) => !filter.statuses?.length || filter.statuses.includes(item.status))
      .filter((item) => !filter.kinds?.length || filter.kinds.includes(item.kind))
      .sort((a, b) => a.proposedAt.localeCompare(b.proposedAt) || a.changeId.localeCompare(b.changeId));
  }
}
