import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ChangeCommand, changeDecider, ChangeEvent, ChangeKind, ChangePayload, changeStream, ChangeState, fold, ProposedChange } from '@recon/domain';
import { EVENT_STORE, EventStore, WrongExpectedVersionError } from '@recon/event-store';
import { commandMetadata, CommandResult, DeciderExecutor, EVENT_CODEC, EventCodec, newEventIds, RequestContext } from '@recon/command-execution';
import { changeTarget } from './change-targets';

/** A proposal's answer: it is recorded, and counts for nothing until approved. */
export interface ProposalAccepted {
  readonly changeId: string;
  readonly status: 'PENDING';
}

/** What the proposing route gives: the kind it stands for, the command it would run, and a line for the queue. */
export interface ManualChange {
  readonly kind: Exclude<ChangeKind, 'sealed-correction'>;
  readonly payload: ChangePayload;
  readonly summary: string;
}

const isApprover = (context: RequestContext): boolean => context.principal.roles.some((role) => role === 'approver' || role === 'admin');

/**
 * Four eyes on every manual change to what collateralization is computed from. A route that used to
 * write proposes instead: the command is checked now against the data as it stands (so a bad field
 * or a broken rule is refused at once, and an approved change does not fail for bad input), and only
 * the proposal is recorded. A different identity with the approver role approves it; then the
 * command runs through the shared executor as the checker, with the change and its maker in the
 * events' metadata.
 */
@Injectable()
export class ChangeRequests {
  constructor(
    private readonly commands: CommandBus,
    @Inject(DeciderExecutor) private readonly executor: DeciderExecutor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_CODEC) private readonly codec: EventCodec,
  ) {}

  async propose(change: ManualChange, context: RequestContext): Promise<ProposalAccepted> {
    const target = changeTarget(change.payload, commandMetadata(context));
    // If-Match on a proposal pins the data it was made against: refused now if that moved.
    if (context.expectedVersion !== undefined) await this.requireVersion(target.streamId, context.expectedVersion);
    const check = await this.executor.check(target.streamId, target.decider, target.command as never, context, target.sourcing);
    // Inside a sealed period the change is a correction of it, and carries the reason given for that.
    if (check.correctsSealedPeriod && context.correctionReason !== undefined) {
      return this.record('sealed-correction', { ...change.payload, correctionReason: context.correctionReason }, change.summary, context);
    }
    return this.record(change.kind, change.payload, change.summary, context);
  }

  /**
   * For a route one operator may use (trades): a write that corrects a sealed period is a change for
   * a second identity, recorded as a proposal; undefined when the write corrects nothing and may run.
   */
  async proposeCorrection(payload: ChangePayload, summary: string, context: RequestContext): Promise<ProposalAccepted | undefined> {
    if (context.correctionReason === undefined) return undefined;
    const target = changeTarget(payload, commandMetadata(context));
    const check = await this.executor.check(target.streamId, target.decider, target.command as never, context, target.sourcing);
    if (!check.correctsSealedPeriod) return undefined;
    return this.record('sealed-correction', { ...payload, correctionReason: context.correctionReason }, summary, context);
  }

  private async record(kind: ChangeKind, payload: ChangePayload, summary: string, context: RequestContext): Promise<ProposalAccepted> {
    const changeId = newEventIds(1, 'change-proposal', context.idempotencyKey)[0]!;
    await this.decide({ type: 'ProposeChange', data: { changeId, kind, payload, summary }, metadata: commandMetadata(context) }, context);
    return { changeId, status: 'PENDING' };
  }

  /** Approves (the checker) and carries the change out; a retry by the same checker finishes what was left. */
  async approve(changeId: string, context: RequestContext): Promise<{ changeId: string; status: 'APPROVED' } & CommandResult> {
    const approval: ChangeCommand = { type: 'ApproveChange', data: { changeId, approver: isApprover(context) }, metadata: commandMetadata(context) };
    const before = await this.read(changeId);
    // Maker-checker and the state are judged before anything else is read or written.
    const approved = changeDecider.decide(approval, before);
    const change = before as ProposedChange;
    if (change.applied) return { changeId, status: 'APPROVED', streamId: change.applied.streamId, version: change.applied.version, appended: [] };
    const target = changeTarget(change.payload, commandMetadata(context));
    const applying: RequestContext = {
      principal: context.principal,
      now: context.now,
      correlationId: context.correlationId,
      // Derived from the change, so carrying it out again appends the same events once.
      idempotencyKey: `change:${changeId}`,
      ...(change.payload.correctionReason ? { correctionReason: change.payload.correctionReason } : {}),
      change: { changeId, maker: change.maker },
    };
    if (approved.length > 0) {
      await this.executor.check(target.streamId, target.decider, target.command as never, applying, target.sourcing);
      await this.decide(approval, context);
    }
    const result: CommandResult = await this.commands.execute(target.message(applying));
    await this.decide({
      type: 'RecordChangeApplied', data: { changeId, streamId: result.streamId, version: result.version, eventIds: result.appended.map((e) => e.eventId) }, metadata: commandMetadata(context),
    }, context);
    return { changeId, status: 'APPROVED', ...result };
  }

  async reject(changeId: string, reason: string, context: RequestContext): Promise<{ changeId: string; status: 'REJECTED' }> {
    await this.decide({ type: 'RejectChange', data: { changeId, reason, approver: isApprover(context) }, metadata: commandMetadata(context) }, context);
    return { changeId, status: 'REJECTED' };
  }

  async read(changeId: string): Promise<ChangeState> {
    const stream = await this.store.readStream(changeStream(changeId));
    return fold(changeDecider, stream.map((recorded) => this.codec.decode(recorded) as unknown as ChangeEvent));
  }

  private async decide(command: ChangeCommand, context: RequestContext): Promise<CommandResult> {
    // The request's If-Match and Idempotency-Key speak of the data changed, not of the change's own stream.
    const { expectedVersion: _pinned, ...rest } = context;
    const own: RequestContext = { ...rest, idempotencyKey: `${command.type}:${command.data.changeId}` };
    return this.executor.execute(changeStream(command.data.changeId), changeDecider, command, own);
  }

  private async requireVersion(streamId: string, expected: NonNullable<RequestContext['expectedVersion']>): Promise<void> {
    const actual = await this.store.streamVersion(streamId);
    const matches = expected === 'any' || (expected === 'no_stream' ? actual < 0 : expected === 'stream_exists' ? actual >= 0 : actual === expected);
    if (!matches) throw new WrongExpectedVersionError(streamId, expected, actual);
  }
}
