import { readModelSchemaOf } from '@recon/platform';
import type { EventStore } from '@recon/event-store';
import { EmbeddedProjectionRunner, openReadModels, ReconciliationProjection } from '@recon/read-models';
import type { DataSource } from 'typeorm';
import type { EventStoreRuntime } from './open-event-store';

export interface EmbeddedProjections {
  readonly dataSource: DataSource;
  readonly schema: string;
  readonly runner: EmbeddedProjectionRunner;
  /** Starts projecting from the stored checkpoint. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The read models' schema sits next to the event store's, so one database holds a deployment (the settings module's rule). */
export const readModelSchemaFor = (eventStoreSchema: string): string => readModelSchemaOf({ DATABASE_SCHEMA: eventStoreSchema });

/**
 * Opens the read models; `start()` begins projecting. Embedded mode runs the projector in process on the store's catch-up subscription (no Kafka), with
 * exactly the projection code the Kafka projector runs.
 */
export async function startEmbeddedProjections(
  store: EventStore,
  location: NonNullable<EventStoreRuntime['readModels']>,
  eventStoreSchema: string,
  onError: (error: unknown) => void,
): Promise<EmbeddedProjections> {
  const schema = readModelSchemaFor(eventStoreSchema);
  const dataSource = await openReadModels({ ...location, schema });
  const runner = new EmbeddedProjectionRunner({ store, dataSource, schema, onError, reconciler: new ReconciliationProjection(schema) });
  let started = false;
  return {
    dataSource,
    schema,
    runner,
    start: async () => {
      await runner.start();
      started = true;
    },
    close: async () => {
      if (started) await runner.stop();
      await dataSource.destroy();
    },
  };
}
