import { createPostgresEventStore, RecordedEvent } from '@recon/event-store';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';

export const ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(ROOT, 'libs/statements/fixtures');
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A PostgreSQL schema of its own for one test: the CLI writes there, the test reads there. */
export interface CliDatabase {
  readonly env: NodeJS.ProcessEnv;
  events(): Promise<RecordedEvent[]>;
  drop(): Promise<void>;
}

export function cliDatabase(): CliDatabase {
  const schema = `cli_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  return {
    env: { ...process.env, RECON_MODE: 'embedded', EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema },
    events: async () => {
      const store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema, poolConfig: { max: 1 } });
      try {
        return await store.readAll({ maxCount: 10_000 });
      } finally {
        await store.close();
      }
    },
    drop: async () => {
      const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** `recon <args>` from source, as a user would run it. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess & { result: Promise<CliRun> } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
  return Object.assign(child, { result });
}

export const runCli = (args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> => startCli(args, env).result;

/** Per test: a schema of its own and an empty scratch folder, both removed afterwards. */
export function cliSandbox(prefix: string): { readonly db: () => CliDatabase; readonly folder: () => string } {
  let db: CliDatabase | undefined;
  let folder: string | undefined;
  beforeEach(() => {
    db = cliDatabase();
    folder = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await db?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });
  return { db: () => db!, folder: () => folder! };
}
