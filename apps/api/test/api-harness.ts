import { INestApplication } from '@nestjs/common';
import { createPostgresEventStore, PostgresEventStore } from '@recon/event-store';
import { loadSettings } from '@recon/platform';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createApiApp } from '../src/create-api-app';

export const TOKEN_SECRET = 'test-secret-test-secret-test-secret-0123';
export const KEYS = {
  operator: 'dev-operator-key-0000',
  approver: 'dev-approver-key-0000',
  auditor: 'dev-auditor-key-00000',
  regulator: 'dev-regulator-key-000',
} as const;

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface ApiHarness {
  readonly app: INestApplication;
  readonly store: PostgresEventStore;
  close(): Promise<void>;
}

/**
 * The API as `npm start` wires it (development keys, signed tokens enabled too) on the PostgreSQL
 * adapter in a schema of its own, so every test starts from an empty store in milliseconds. The
 * embedded PGlite path is the same adapter and is covered by the start test and the contract suite.
 */
export async function startApi(env: NodeJS.ProcessEnv = {}): Promise<ApiHarness> {
  const settings = loadSettings({ RECON_JWT_SECRET: TOKEN_SECRET, ...env });
  const schema = `api_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema, poolConfig: { max: 4 } });
  const app = await createApiApp({ settings, store }, { logger: false });
  await app.init();
  return {
    app,
    store,
    close: async () => {
      await app.close();
      await store.close();
      const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}
