import { Inject, Injectable } from '@nestjs/common';
import { admitIntoPeriods, DomainError, PERIOD_SEALS_STREAM, periodDecider } from '@recon/domain';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { EVENT_CODEC, EventCodec } from './event-codec';
import { uuidFrom } from './event-ids';
import { readPeriodSeals } from './period-seals';
import { RequestContext } from './request-context';

/** What the guard adds to the admitted business events' metadata. */
export interface Admission {
  readonly correctionOf?: string;
}

/**
 * Applies the domain's seal rule where business events are appended: a write dated inside a sealed
 * period is refused (422 period-sealed) unless the request says `X-Correction-Reason` and carries out
 * an approved change (four eyes; 403 FOUR_EYES_REQUIRED otherwise), in which case the correction is
 * recorded in the seals stream first, and the business events carry its id.
 *
 * A seal appended between this check and the business append is not seen by this write; the seal
 * names the chain head it was taken at, so such a write is visible as an event after the head,
 * dated inside the period.
 */
@Injectable()
export class PeriodSealGuard {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_CODEC) private readonly codec: EventCodec,
  ) {}

  /**
   * The seal rule without recording anything: throws as `admit` would (a write inside a sealed period
   * without a correction reason), and says whether the write would be recorded as a correction.
   */
  async wouldCorrect(streamId: string, eventTypes: readonly string[], businessTime: string | undefined, context: RequestContext): Promise<boolean> {
    if (businessTime === undefined || streamId === PERIOD_SEALS_STREAM) return false;
    const seals = await readPeriodSeals(this.store, this.codec);
    if (!seals) return false;
    const reason = context.correctionReason;
    const correction = reason ? { correctionId: 'check', reason } : undefined;
    return admitIntoPeriods(seals.state, { streamId, eventTypes, businessTime, ...(correction ? { correction } : {}) }, { now: context.now, actor: context.principal.id }) !== undefined;
  }

  async admit(streamId: string, eventTypes: readonly string[], businessTime: string | undefined, context: RequestContext): Promise<Admission> {
    if (businessTime === undefined || streamId === PERIOD_SEALS_STREAM) return {};
    const seals = await readPeriodSeals(this.store, this.codec);
    if (!seals) return {};
    const { state } = seals;
    // The correction's id is derived from the request, so a retried correction is recorded once.
    const correctionId = uuidFrom(`correction\u0000${streamId}\u0000${context.idempotencyKey ?? context.correlationId}`);
    const reason = context.correctionReason;
    const command = admitIntoPeriods(state, { streamId, eventTypes, businessTime, ...(reason ? { correction: { correctionId, reason } } : {}) }, { now: context.now, actor: context.principal.id });
    if (!command) return {};
    // Correcting a closed period is a manual change of its figures: only an approved change (four eyes) may.
    if (!context.change) {
      throw new DomainError(
        'FOUR_EYES_REQUIRED',
        `a correction of sealed period ${command.data.businessTime.slice(0, 10)} needs a second identity: propose it with X-Correction-Reason on a four-eyes route (statements, movements, trades) and have an approver approve it under /changes`,
      );
    }
    const decided = periodDecider.decide(command, state);
    if (decided.length > 0) {
      await this.store.appendToStream(
        PERIOD_SEALS_STREAM,
        decided.map((event, index) => ({
          eventId: uuidFrom(`${correctionId}\u0000${index}`),
          type: event.type,
          schemaVersion: this.codec.schemaVersion(event.type),
          data: event.data,
          metadata: { correlationId: context.correlationId, actor: context.principal.id, businessTime },
        })),
        seals.revision,
      );
    }
    return { correctionOf: correctionId };
  }
}
