import { loadSettings } from '@recon/platform';
import { readModelSchemaFor } from '../../apps/cli/src/runtime/embedded-projections';
import { projectorConfigFrom } from '../../apps/projector/src/config';
import { loadRelaySettings } from '../../apps/relay/src/relay-settings';
import { loadWatcherSettings } from '../../libs/chain/src/watcher-settings';
import { loadSigningKey } from '../../libs/reports/src/sign/signing-key';

/** What a deployment must agree on across processes, as each process's own settings loader reads it. */
export interface ProcessView {
  /** PostgreSQL schema of the event store the process appends to or reads. */
  readonly eventStoreSchema?: string;
  /** PostgreSQL schema of the read models it writes or reads. */
  readonly readModelSchema?: string;
  readonly databaseUrl?: string;
  readonly kafkaBrokers?: readonly string[];
  readonly topic?: string;
  readonly topicPartitions?: number;
}

/** The processes the image runs, by the compiled entry point a container's command names. */
export const PROCESS_ENTRIES = {
  api: 'dist/apps/cli/src/main.js',
  relay: 'dist/apps/relay/src/main.js',
  projector: 'dist/apps/projector/src/main.js',
  'chain-watcher': 'dist/apps/chain-watcher/src/main.js',
} as const;
export type ProcessName = keyof typeof PROCESS_ENTRIES;

type ReadFile = (path: string) => string;

/** Runs the process's settings loaders on `env` as the process does at start; throws what they throw. */
function loadProcess(name: ProcessName, env: NodeJS.ProcessEnv, readFile: ReadFile): ProcessView {
  switch (name) {
    case 'api': {
      const settings = loadSettings(env);
      loadSigningKey(env, settings.RECON_MODE);
      return {
        ...(settings.EVENT_STORE === 'postgres' ? { eventStoreSchema: settings.DATABASE_SCHEMA } : {}),
        readModelSchema: readModelSchemaFor(settings.DATABASE_SCHEMA),
        ...(settings.DATABASE_URL ? { databaseUrl: settings.DATABASE_URL } : {}),
      };
    }
    case 'relay': {
      const relay = loadRelaySettings(env);
      return { eventStoreSchema: relay.databaseSchema, databaseUrl: relay.databaseUrl, kafkaBrokers: relay.kafkaBrokers, topic: relay.topic, topicPartitions: relay.topicPartitions };
    }
    case 'projector': {
      const projector = projectorConfigFrom(env);
      return { readModelSchema: projector.schema, databaseUrl: projector.databaseUrl, kafkaBrokers: projector.brokers, topic: projector.topic };
    }
    case 'chain-watcher': {
      const watcher = loadWatcherSettings(env, readFile);
      return { eventStoreSchema: watcher.databaseSchema, databaseUrl: watcher.databaseUrl };
    }
  }
}

/**
 * Loads a process's settings from `env` and records every variable its loaders looked at: a variable
 * a deployment sets that no loader reads is a misspelling or a setting of another process.
 */
export function readSettings(name: ProcessName, env: Readonly<Record<string, string>>, readFile: ReadFile): { view: ProcessView; read: Set<string> } {
  const read = new Set<string>();
  const recording = new Proxy({ ...env }, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key) as unknown;
    },
  });
  return { view: loadProcess(name, recording, readFile), read };
}
