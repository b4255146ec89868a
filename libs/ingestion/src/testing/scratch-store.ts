import { createPostgresEventStore, PostgresEventStore } from '@recon/event-store';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** Per test: an empty PostgreSQL event store in a schema of its own, dropped afterwards. */
export function scratchStore(prefix: string): () => PostgresEventStore {
  let store: PostgresEventStore | undefined;
  let schema = '';
  beforeEach(async () => {
    schema = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema, poolConfig: { max: 2 } });
  });
  afterEach(async () => {
    await store?.close();
    const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });
  return () => store!;
}
