import type { EventStore } from '@recon/event-store';
import type { Pool } from 'pg';
import { openReadModels } from '../schema/data-source';
import { AsOfReplay, withBitemporalReplay } from './bitemporal-replay';
import { CollateralizationView, currentCollateralization } from './collateralization-queries';

/**
 * Collateralization as it stood at the end of a business day (UTC): the events whose business time
 * falls on or before that day, replayed through the live projection code into a schema of its own,
 * which is dropped afterwards. Never the live read models, and no snapshot that could drift from
 * the events: the answer is what the events say.
 */
export async function collateralizationAsOf(replay: AsOfReplay, date: string, assetId?: string): Promise<CollateralizationView[]> {
  const endOfDay = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
  return withBitemporalReplay(replay, { businessTime: endOfDay }, ({ dataSource, schema }) => currentCollateralization(dataSource, schema, assetId));
}

/** Opens replay schemas where the read models live. */
export function asOfReplayOn(location: { readonly url: string } | { readonly pool: Pool }, store: Pick<EventStore, 'readAll'>): AsOfReplay {
  return { store, open: (schema) => openReadModels({ ...location, schema, poolSize: 2 }) };
}
