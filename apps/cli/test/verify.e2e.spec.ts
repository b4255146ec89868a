import { createPostgresEventStore } from '@recon/event-store';
import { Pool } from 'pg';
import { cliSandbox, runCli } from './statement-cli';

jest.setTimeout(60_000);

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

describe('recon verify', () => {
  const sandbox = cliSandbox('recon-verify-');

  it('should pass an intact store, then name the first broken link with stream, version and position and exit 3', async () => {
    const { env } = sandbox.db();
    const schema = env.DATABASE_SCHEMA!;
    const store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema, poolConfig: { max: 1 } });
    for (let i = 0; i < 5; i++) {
      await store.appendToStream(`trade-${i % 2}`, [{ eventId: `e${i}`, type: 'Tested', schemaVersion: 1, data: { i }, metadata: {} }], 'any');
    }
    await store.close();
    const intact = await runCli(['verify'], env);
    expect(intact.stdout).toMatch(/chain intact: 5 events checked/);
    expect(intact.code).toBe(0);

    const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
    await admin.query(`UPDATE "${schema}".events SET data = '{"i": 40}' WHERE global_position = 4`);
    await admin.end();
    const broken = await runCli(['verify'], env);
    expect(broken.stdout).toMatch(/chain BROKEN \(altered\) at position 4: stream trade-1 version 1/);
    expect(broken.code).toBe(3);
    const range = await runCli(['verify', '--from', '1', '--to', '3'], env);
    expect(range.code).toBe(0);
  });
});
