import { fold, PERIOD_SEALS_STREAM, periodDecider, PeriodEvent, PeriodState } from '@recon/domain';
import { EventStore } from '@recon/event-store';
import { EventCodec } from './event-codec';

/** The seals stream folded, and the revision it was read at (the expected version of a correction). */
export interface PeriodSeals {
  readonly state: PeriodState;
  readonly revision: number;
}

/** Reads the seals stream; undefined when nothing was ever sealed, so a write needs no admission. */
export async function readPeriodSeals(store: EventStore, codec: EventCodec): Promise<PeriodSeals | undefined> {
  const history = await store.readStream(PERIOD_SEALS_STREAM);
  if (history.length === 0) return undefined;
  return { state: fold(periodDecider, history.map((recorded) => codec.decode(recorded) as PeriodEvent)), revision: history.length - 1 };
}
