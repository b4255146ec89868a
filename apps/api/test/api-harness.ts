import { INestApplication } from '@nestjs/common';
import { openPgliteEventStore, PgliteEventStore } from '@recon/event-store';
import { loadSettings } from '@recon/platform';
import { createApiApp } from '../src/create-api-app';

export const TOKEN_SECRET = 'test-secret-test-secret-test-secret-0123';
export const KEYS = {
  operator: 'dev-operator-key-0000',
  approver: 'dev-approver-key-0000',
  auditor: 'dev-auditor-key-00000',
  regulator: 'dev-regulator-key-000',
} as const;

export interface ApiHarness {
  readonly app: INestApplication;
  readonly embedded: PgliteEventStore;
  close(): Promise<void>;
}

/** The API on an embedded store, as `npm start` runs it, with signed tokens enabled too. */
export async function startApi(env: NodeJS.ProcessEnv = {}): Promise<ApiHarness> {
  const settings = loadSettings({ RECON_JWT_SECRET: TOKEN_SECRET, ...env });
  const embedded = await openPgliteEventStore({ schema: 'api_test' });
  const app = await createApiApp({ settings, store: embedded.store }, { logger: false });
  await app.init();
  return {
    app,
    embedded,
    close: async () => {
      await app.close();
      await embedded.close();
    },
  };
}
