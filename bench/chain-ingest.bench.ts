/**
 * chain.logs: Transfer logs ingested per second by the chain watcher (eth_getLogs through viem,
 * block headers, totalSupply(), the decider and the append to PostgreSQL) from a local Hardhat node,
 * against a raw baseline over the same range with the same range size: a loop of eth_getLogs
 * requests through fetch whose JSON responses are parsed and counted, nothing else.
 *
 * Work size: BENCH_CHAIN_TRANSFERS mints (default 10,000), minted 100 per transaction. Warm-up, then
 * 3 runs, median reported; each watcher run appends to a fresh schema. Database: BENCH_DATABASE_URL,
 * default postgresql://postgres@127.0.0.1:5432/test.
 */
import { ChainWatcher } from '@recon/chain';
import { createPostgresEventStore, dropEventStoreSchema } from '@recon/event-store';
import { Pool } from 'pg';
import { LocalChain } from '../libs/chain/src/testing/local-chain';
import { BenchResult, medianRate, round } from './support/measure';

const TRANSFERS = Number(process.env.BENCH_CHAIN_TRANSFERS ?? 10_000);
const PER_TX = 100;
const BATCH_BLOCKS = 20;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

async function rawGetLogs(url: string, address: string, from: number, to: number): Promise<number> {
  let logs = 0;
  for (let start = from; start <= to; start += BATCH_BLOCKS) {
    const end = Math.min(start + BATCH_BLOCKS - 1, to);
    const response = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: start, method: 'eth_getLogs', params: [{ address, topics: [TRANSFER_TOPIC], fromBlock: `0x${start.toString(16)}`, toBlock: `0x${end.toString(16)}` }] }),
    });
    logs += ((await response.json()) as { result: unknown[] }).result.length;
  }
  return logs;
}

export async function run(): Promise<BenchResult[]> {
  const chain = await LocalChain.start(31337);
  const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
  try {
    const token = await chain.deploy();
    const holders = Array.from({ length: PER_TX }, (_, i) => `0x${(i + 1).toString(16).padStart(40, '0')}`);
    for (let minted = 0; minted < TRANSFERS; minted += PER_TX) await chain.send(token, 'BackedToken', 'mintBatch', [holders.slice(0, Math.min(PER_TX, TRANSFERS - minted)), 1n]);
    const deployment = chain.deployment(token, { confirmations: 0, batchBlocks: BATCH_BLOCKS });
    const head = await chain.head();
    let schemaNo = 0;
    const watched = await medianRate(async () => {
      const schema = `bench_chain_${process.pid}_${schemaNo++}`;
      const store = await createPostgresEventStore({ pool, ownsPool: false, schema });
      try {
        const watcher = new ChainWatcher(deployment, store);
        await watcher.start();
        await watcher.catchUp();
        const recorded = (await store.readAll({ maxCount: TRANSFERS + 1_000 })).filter((e) => e.type === 'ChainTransferObserved').length;
        if (recorded !== TRANSFERS) throw new Error(`the watcher recorded ${recorded} of ${TRANSFERS} mints`);
        return recorded;
      } finally {
        await store.close();
        await dropEventStoreSchema(pool, schema);
      }
    });
    const raw = await medianRate(async () => {
      const logs = await rawGetLogs(chain.node.url, token, deployment.startBlock, head);
      if (logs !== TRANSFERS) throw new Error(`raw eth_getLogs saw ${logs} of ${TRANSFERS} logs`);
      return logs;
    });
    return [{ bench: 'chain.logs', unit: 'logs/s', value: round(watched, 0), baseline: round(raw, 0), ratio: round(watched / raw), n: TRANSFERS, runs: 3, blocksPerRequest: BATCH_BLOCKS }];
  } finally {
    await pool.end();
    await chain.stop();
  }
}
