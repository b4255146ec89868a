import type { RecordedEvent } from '@recon/event-store';
import type { DataSource } from 'typeorm';
import { dropReadModelSchema, openReadModels } from '../../schema/data-source';
import { ReadModelProjection } from '../read-model-projection';
import { PROJECTION_TABLES } from '../tables';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface ProjectionSchema {
  readonly schema: string;
  /** The read models' data source, open between the suite's beforeAll and afterAll. */
  readonly dataSource: DataSource;
  /** The read-model projection of this schema, without the reconciler. */
  readonly projection: ReadModelProjection;
  /** Empties the projection tables, then applies the batches in order, one transaction each (as the Kafka sink and the embedded runner do). */
  project(batches: ReadonlyArray<readonly RecordedEvent[]>, projection?: ReadModelProjection): Promise<void>;
}

/**
 * A read-model schema of its own for one test file on the PostgreSQL server: migrated before the
 * suite, dropped after it.
 */
export function useProjectionSchema(prefix: string): ProjectionSchema {
  const schema = `${prefix}_${process.pid}`;
  let dataSource: DataSource | undefined;
  beforeAll(async () => {
    dataSource = await openReadModels({ url: DATABASE_URL, schema, poolSize: 2 });
  });
  afterAll(async () => {
    if (!dataSource) return;
    await dropReadModelSchema(dataSource, schema);
    await dataSource.destroy();
  });
  const open = (): DataSource => {
    if (!dataSource) throw new Error(`read-model schema ${schema} is not open (outside the suite?)`);
    return dataSource;
  };
  const plain = new ReadModelProjection(schema);
  return {
    schema,
    projection: plain,
    get dataSource() {
      return open();
    },
    async project(batches, projection = plain) {
      await open().query(`TRUNCATE ${PROJECTION_TABLES.map(({ table }) => `"${schema}".${table}`).join(', ')}`);
      for (const batch of batches) {
        await open().transaction(async (manager) => {
          await projection.lock(manager);
          await projection.applyEvents(manager, batch);
        });
      }
    },
  };
}
