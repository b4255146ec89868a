import { admitChainFacts, chainCorrectionId, ChainEvent, PERIOD_SEALS_STREAM, periodDecider, sealedPeriodAt } from '@recon/domain';
import { EventStore } from '@recon/event-store';
import { domainEventCodec } from './domain-event-codec';
import { readPeriodSeals } from './period-seals';

export interface ChainScan {
  /** The chain stream the scan's events go to. */
  readonly streamId: string;
  /** Names the scan, so a retried append of the same scan records its corrections once. */
  readonly scanId: string;
  readonly events: readonly ChainEvent[];
  readonly now: string;
  readonly actor: string;
  readonly sourceDocument: string;
}

/**
 * The sealed-period check for chain facts. Unlike a request, they are not refused (the chain is the
 * record): each sealed period the scan reaches into gets a SealedPeriodCorrected in the seals stream
 * first, and the facts carry its id as `correctionOf`, as the API's corrections do.
 * Returns business time → the id of the correction admitting it.
 */
export async function admitChainScan(store: EventStore, scan: ChainScan): Promise<Map<string, string>> {
  const dated = scan.events.flatMap((event) => ('blockTime' in event.data ? [{ eventType: event.type, businessTime: event.data.blockTime }] : []));
  if (dated.length === 0) return new Map();
  const seals = await readPeriodSeals(store, domainEventCodec);
  if (!seals) return new Map();
  const commands = admitChainFacts(seals.state, scan.streamId, scan.scanId, dated, { now: scan.now, actor: scan.actor });
  const decided = commands.flatMap((command) => periodDecider.decide(command, seals.state));
  if (decided.length > 0) {
    await store.appendToStream(PERIOD_SEALS_STREAM, decided.map((event) => ({
      eventId: `seal-correction:${(event.data as { correctionId: string }).correctionId}`, type: event.type, schemaVersion: domainEventCodec.schemaVersion(event.type), data: event.data,
      metadata: { actor: scan.actor, businessTime: (event.data as { businessTime: string }).businessTime, sourceDocument: scan.sourceDocument },
    })), seals.revision);
  }
  const corrected = new Set(commands.map((c) => c.data.correctionId));
  return new Map(dated.flatMap(({ businessTime }) => {
    const period = sealedPeriodAt(seals.state, businessTime);
    const id = period && chainCorrectionId(scan.scanId, period.periodId);
    return id && corrected.has(id) ? [[businessTime, id] as const] : [];
  }));
}
