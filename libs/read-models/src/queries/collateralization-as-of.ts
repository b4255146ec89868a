import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@recon/event-store';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { dropReadModelSchema, openReadModels } from '../schema/data-source';
import { rebuildReadModels } from '../runner/rebuild';
import { CollateralizationView, currentCollateralization } from './collateralization-queries';

/**
 * When a fact happened in the business: the block time, statement date or trade date recorded with
 * it, or a multiplier change's effective time. Reference data (an asset, its deployments and custody
 * accounts) has none: it describes the instrument, not a position, and counts at any date.
 */
export function businessTimeOf(event: RecordedEvent): string | undefined {
  if (event.metadata.businessTime) return event.metadata.businessTime;
  if (event.type === 'MultiplierChanged') return (event.data as { effectiveAt?: string }).effectiveAt;
  return undefined;
}

export interface AsOfReplay {
  /** A database to replay into: PGlite's pool when embedded, or the read models' server. */
  readonly open: (schema: string) => Promise<DataSource>;
  readonly store: Pick<EventStore, 'readAll'>;
}

/**
 * Collateralization as it stood at the end of a business day (UTC): the events whose business time
 * falls on or before that day, replayed through the live projection code into a schema of its own,
 * which is dropped afterwards. Never the live read models, and no snapshot that could drift from
 * the events: the answer is what the events say.
 */
export async function collateralizationAsOf(replay: AsOfReplay, date: string, assetId?: string): Promise<CollateralizationView[]> {
  const endOfDay = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
  const schema = `as_of_${date.replace(/-/g, '')}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const dataSource = await replay.open(schema);
  try {
    await rebuildReadModels({ dataSource, schema, store: replay.store, include: (event) => (businessTimeOf(event) ?? '') < endOfDay });
    return await currentCollateralization(dataSource, schema, assetId);
  } finally {
    await dropReadModelSchema(dataSource, schema).catch(() => undefined);
    await dataSource.destroy();
  }
}

/** Opens replay schemas where the read models live. */
export function asOfReplayOn(location: { readonly url: string } | { readonly pool: Pool }, store: Pick<EventStore, 'readAll'>): AsOfReplay {
  return { store, open: (schema) => openReadModels({ ...location, schema, poolSize: 2 }) };
}
