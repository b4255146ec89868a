import { INestApplication } from '@nestjs/common';
import type { EventStore, ChainHead } from '@recon/event-store';
import { Settings } from '@recon/platform';
import { AsOfReplay, asOfReplayOn } from '@recon/read-models';
import { loadSigningKey, ReportSigningKey } from '@recon/reports';
import { createApiApp, ExceptionOutboxDispatcher, seedDemo } from '@recon/http-api';
import { startEmbeddedProjections } from './embedded-projections';
import { EventStoreRuntime, openEventStore } from './open-event-store';

export interface AuditRuntime {
  readonly store: EventStore;
  readonly replay: AsOfReplay;
  readonly signingKey: ReportSigningKey;
  /** The last global position, for a progress bar's total; undefined when the store cannot say. */
  head(): Promise<bigint | undefined>;
  close(): Promise<void>;
}

const chainHeadOf = (store: EventStore): (() => Promise<ChainHead>) | undefined => {
  const candidate = store as EventStore & { chainHead?: () => Promise<ChainHead> };
  return typeof candidate.chainHead === 'function' ? candidate.chainHead.bind(store) : undefined;
};

/**
 * What `recon replay` and `recon report` run on: the configured store, replays in throwaway schemas
 * beside the read models, and the signing key (validated here, before any work). In embedded mode an
 * empty store gets the demo first, as `recon start` seeds it, projected and reconciled so that its
 * exceptions exist too; an in-memory PGlite is empty on every run.
 */
export async function openAuditRuntime(settings: Settings, options: { readonly seed: boolean }): Promise<AuditRuntime> {
  const signingKey = loadSigningKey(process.env, settings.RECON_MODE);
  const runtime = await openEventStore(settings);
  try {
    if (!runtime.readModels) throw new Error('replays need a PostgreSQL database for their schemas: set DATABASE_URL');
    const seedDemoHere = settings.RECON_MODE === 'embedded' && settings.RECON_SEED_DEMO === 'true' && options.seed;
    if (seedDemoHere && (await runtime.store.readAll({ maxCount: 1 })).length === 0) await seedEmbeddedDemo(runtime, settings, signingKey);
    const head = chainHeadOf(runtime.store);
    return {
      store: runtime.store,
      replay: asOfReplayOn(runtime.readModels, runtime.store),
      signingKey,
      head: async () => (head ? (await head()).position : undefined),
      close: () => runtime.close(),
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

async function seedEmbeddedDemo(runtime: EventStoreRuntime, settings: Settings, signingKey: ReportSigningKey): Promise<void> {
  const projections = await startEmbeddedProjections(runtime.store, runtime.readModels!, settings.DATABASE_SCHEMA, (error) => {
    throw error;
  });
  let app: INestApplication | undefined;
  try {
    app = await createApiApp(
      { settings, store: runtime.store, readModels: { dataSource: projections.dataSource, schema: projections.schema }, reportSigningKey: signingKey,
        reconcilerTimers: { dispatchEveryMs: 3_600_000, sweepEveryMs: 3_600_000 } },
      { logger: false },
    );
    await app.init();
    const seeded = await seedDemo(app, new Date().toISOString());
    await projections.start();
    // Project, send the reconciler's exception commands, and project those too.
    const dispatcher = app.get(ExceptionOutboxDispatcher);
    do await projections.runner.waitFor(await lastPosition(runtime.store));
    while ((await dispatcher.drain()) > 0);
    console.error(`seeded the embedded demo (${seeded} events; bAAPL and bCSPX)`);
  } finally {
    await app?.close();
    await projections.close();
  }
}

async function lastPosition(store: EventStore): Promise<bigint> {
  let head = 0n;
  for (let page = await store.readAll({ maxCount: 1000 }); page.length > 0; page = await store.readAll({ after: head, maxCount: 1000 })) {
    head = page[page.length - 1]!.globalPosition;
  }
  return head;
}
