import { ChainWatcher } from '@recon/chain';
import { createPostgresEventStore, PostgresEventStore } from '@recon/event-store';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { reconciledFromStore, registerAsset } from '../../../libs/chain/src/testing/chain-facts';
import { LocalChain, TOKEN } from '../../../libs/chain/src/testing/local-chain';
import { eventually } from '../../../libs/http-api/test/test-clock';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A TypeScript entry point of this repository run as its own process, as the compiled one would run. */
function run(entry: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry, ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('The chain watcher process on a reorg deeper than its maxReorgDepth, and recon chain resync', () => {
  let chain: LocalChain;
  let store: PostgresEventStore;
  let folder: string;
  const schema = `chain_e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  beforeAll(async () => {
    chain = await LocalChain.start(31337);
    store = await createPostgresEventStore({ connectionString: DATABASE_URL, schema, poolConfig: { max: 2 } });
    folder = mkdtempSync(path.join(tmpdir(), 'chain-reorg-'));
  });
  afterAll(async () => {
    await store?.close();
    const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    rmSync(folder, { recursive: true, force: true });
    await chain?.stop();
  });

  it('should exit 2 naming the command, which then recovers the stream so that the watcher carries on', async () => {
    const token = await chain.deploy();
    const deployment = chain.deployment(token, { confirmations: 1, maxReorgDepth: 3 });
    await registerAsset(store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: token }]);
    const deployments = path.join(folder, 'deployments.json');
    writeFileSync(deployments, JSON.stringify([{ ...deployment, contract: token, contractAddress: undefined }]));
    const env = { ...process.env, DATABASE_URL, DATABASE_SCHEMA: schema, CHAIN_DEPLOYMENTS: deployments, CHAIN_POLL_MS: '100' };
    const snapshot = await chain.test.snapshot();
    await chain.mint(token, 5n);
    await chain.mine(6);
    const streamId = new ChainWatcher(deployment, store).streamId;

    const watcher = run('apps/chain-watcher/src/main.ts', [], env);
    await eventually(() => store.readStream(streamId), (events) => events.some((e) => e.type === 'ChainTransferObserved'), 'the mint recorded by the process', 60_000);
    await chain.test.revert({ id: snapshot });
    await chain.mint(token, 2n); // another history from the start block on, 4 blocks shorter
    await chain.mine(1);
    const stopped = await watcher;

    expect(stopped.code).toBe(2);
    const resync = `recon chain resync --chain 31337 --contract ${token}`;
    const lines = stopped.stderr.trim().split('\n').map((line) => JSON.parse(line) as { msg: string; error?: string });
    expect(lines.at(-1)).toMatchObject({ msg: 'reorg left to an operator', error: expect.stringContaining(`more than maxReorgDepth (3): check that the RPC URL serves the chain expected, then run ${resync}`) });
    expect((await store.readStream(streamId)).map((e) => e.type).filter((t) => t !== 'TotalSupplyRead')).toEqual(['ChainTransferObserved']);

    const resynced = await run('apps/cli/src/main.ts', resync.split(' ').slice(1), env);
    expect([resynced.code, resynced.stderr]).toEqual([0, '']);
    expect(resynced.stdout).toContain(`chain 31337 ${token}: reverted 1 transfers on orphaned blocks; the watcher reads again from block ${deployment.startBlock}`);
    const again = await run('apps/cli/src/main.ts', resync.split(' ').slice(1), env); // run twice: nothing more to do
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('nothing to resync')]);

    const restarted = new ChainWatcher(deployment, store);
    await restarted.start();
    expect((await restarted.catchUp()).caughtUp).toBe(true);
    const { snapshot: after, supplyBreaks } = await reconciledFromStore(store, 'bAAPL');
    expect(after.chains.map((c) => [c.supply, c.totalSupplyReading?.amount, c.asOfBlock])).toEqual([[2n * TOKEN, 2n * TOKEN, restarted.cursor]]);
    expect(supplyBreaks).toEqual([]);
  });
});
