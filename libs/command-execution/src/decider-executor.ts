import { Inject, Injectable } from '@nestjs/common';
import { Decider, fold } from '@recon/domain';
import { EVENT_STORE, EventStore, NewEvent, WrongExpectedVersionError } from '@recon/event-store';
import { EVENT_CODEC, EventCodec } from './event-codec';
import { newEventIds } from './event-ids';
import { PeriodSealGuard } from './period-seal-guard';
import { CommandResult, RequestContext } from './request-context';

const MAX_ATTEMPTS = 3;

export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

export interface EventSourcing {
  /** Document the event rests on: statement reference, transaction hash, upload file. */
  readonly sourceDocument?: string;
  /** Business time of the fact (statement as-of, block time), recorded beside the system time. */
  readonly businessTime?: string;
}

/**
 * The whole of a command handler's work, shared by every aggregate:
 * 1. read the stream and fold it with `evolve`;
 * 2. `decide` (pure; may throw a DomainError);
 * 3. append the new events at the revision read, or at the client's If-Match revision.
 * A decision that yields no events (an idempotent repeat) appends nothing.
 */
@Injectable()
export class DeciderExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_CODEC) private readonly codec: EventCodec,
    @Inject(PeriodSealGuard) private readonly seals: PeriodSealGuard,
  ) {}

  async execute<C, E extends DomainEvent, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    command: C,
    context: RequestContext,
    sourcing: EventSourcing = {},
  ): Promise<CommandResult> {
    // A client that pinned a revision with If-Match gets the conflict; otherwise another writer
    // got in between our read and our append, so decide again on the newer state.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.executeOnce(streamId, decider, command, context, sourcing);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || context.expectedVersion !== undefined || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * What `execute` would decide now, appending nothing: the decider's refusal (bad field, unknown
   * subject, broken rule) and the seal rule's are thrown here, so a change can be checked when it is
   * proposed and an approved one does not fail for bad input. Says how many events it would write and
   * whether they correct a sealed period.
   */
  async check<C, E extends DomainEvent, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    command: C,
    context: RequestContext,
    sourcing: EventSourcing = {},
  ): Promise<{ readonly events: number; readonly correctsSealedPeriod: boolean }> {
    const history = await this.store.readStream(streamId);
    const decided = decider.decide(command, fold(decider, history.map((recorded) => this.codec.decode(recorded) as E)));
    if (decided.length === 0) return { events: 0, correctsSealedPeriod: false };
    const correctsSealedPeriod = await this.seals.wouldCorrect(streamId, decided.map((event) => event.type), sourcing.businessTime, context);
    return { events: decided.length, correctsSealedPeriod };
  }

  private async executeOnce<C, E extends DomainEvent, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    command: C,
    context: RequestContext,
    sourcing: EventSourcing,
  ): Promise<CommandResult> {
    const history = await this.store.readStream(streamId);
    const readVersion = history.length - 1;
    const state = fold(decider, history.map((recorded) => this.codec.decode(recorded) as E));
    const decided = decider.decide(command, state);
    if (decided.length === 0) return { streamId, version: readVersion, appended: [] };

    // Business events dated inside a sealed period need an explicit correction (the domain's rule).
    const admission = await this.seals.admit(streamId, decided.map((event) => event.type), sourcing.businessTime, context);
    const ids = newEventIds(decided.length, streamId, context.idempotencyKey);
    const events: NewEvent[] = decided.map((event, index) => ({
      eventId: ids[index],
      type: event.type,
      schemaVersion: this.codec.schemaVersion(event.type),
      data: event.data,
      metadata: {
        correlationId: context.correlationId,
        actor: context.principal.id,
        ...(sourcing.sourceDocument ? { sourceDocument: sourcing.sourceDocument } : {}),
        ...(sourcing.businessTime ? { businessTime: sourcing.businessTime } : {}),
        ...(context.change ? { changeId: context.change.changeId, maker: context.change.maker } : {}),
        ...admission,
      },
    }));
    const expected = context.expectedVersion ?? (readVersion < 0 ? 'no_stream' : readVersion);
    const result = await this.store.appendToStream(streamId, events, expected);
    return { streamId, version: result.nextExpectedVersion, appended: events.map(({ eventId, type }) => ({ eventId, type })) };
  }
}
