import { INestApplication } from '@nestjs/common';
import { createPostgresEventStore, PostgresEventStore } from '@recon/event-store';
import { loadSettings } from '@recon/platform';
import { asOfReplayOn, EmbeddedProjectionRunner, openReadModels, ReconciliationProjection } from '@recon/read-models';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createApiApp } from '../src/create-api-app';
import { ExceptionOutboxDispatcher } from '../src/read-side/exception-outbox.dispatcher';

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
  /** The in-process projector (as embedded mode runs it), to wait until the read models caught up. */
  readonly projector: EmbeddedProjectionRunner;
  /** Waits until every stored event is projected. */
  caughtUp(): Promise<bigint>;
  /**
   * Waits until the system is at rest: every event projected, the reconciler's outbox sent, and the
   * exception events that produced projected too.
   */
  settled(): Promise<void>;
  /**
   * Lets time pass: at rest, the dispatcher's clock sweep (aged settlements, late statements, expired
   * windows) run at an instant the test chooses instead of the wall clock's, then at rest again.
   */
  sweepAt(instant: Date): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API as `npm start` wires it (development keys, signed tokens enabled too) on the PostgreSQL
 * adapter in a schema of its own, so every test starts from an empty store in milliseconds. The
 * embedded PGlite path is the same adapter and is covered by the start test and the contract suite.
 */
export async function startApi(env: NodeJS.ProcessEnv = {}, options: { feedPollMs?: number; clock?: () => Date } = {}): Promise<ApiHarness> {
  const { clock, ...appOptions } = options;
  const settings = loadSettings({ RECON_JWT_SECRET: TOKEN_SECRET, ...env });
  const schema = `api_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema, poolConfig: { max: 4 }, ...(clock ? { clock } : {}) });
  const readSchema = `${schema}_read`;
  const dataSource = await openReadModels({ url: DATABASE_URL, schema: readSchema, poolSize: 2 });
  const projector = new EmbeddedProjectionRunner({ store, dataSource, schema: readSchema, reconciler: new ReconciliationProjection(readSchema) });
  await projector.start();
  const app = await createApiApp(
    { settings, store, readModels: { dataSource, schema: readSchema, asOf: asOfReplayOn({ url: DATABASE_URL }, store) }, reconcilerTimers: { dispatchEveryMs: 50, sweepEveryMs: 3_600_000 }, ...appOptions },
    { logger: false },
  );
  await app.init();
  const caughtUp = async () => {
    let head = 0n;
    for (let page = await store.readAll({ after: 0n, maxCount: 1000 }); page.length > 0; page = await store.readAll({ after: head, maxCount: 1000 })) {
      head = page[page.length - 1]!.globalPosition;
    }
    await projector.waitFor(head);
    return head;
  };
  const dispatcher = app.get(ExceptionOutboxDispatcher);
  /**
   * At rest: projected, and the reconciler's commands sent and projected. The dispatcher's own timer
   * may have sent them (a drain waits its turn behind it and then finds none), so it ends only when a
   * drain sends nothing and the store's head has not moved since.
   */
  const settled = async () => {
    for (let head = await caughtUp(); ; ) {
      if ((await dispatcher.drain()) > 0) {
        head = await caughtUp();
        continue;
      }
      const after = await caughtUp();
      if (after === head) return;
      head = after;
    }
  };
  const sweepAt = async (instant: Date) => {
    await settled();
    await dispatcher.sweep(instant.toISOString());
    await settled();
  };
  return {
    app,
    store,
    projector,
    caughtUp,
    settled,
    sweepAt,
    close: async () => {
      const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
      await app.close();
      await projector.stop();
      await dataSource.destroy();
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${readSchema} CASCADE`).catch(() => undefined);
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}
