/**
 * chain.logs: Transfer logs ingested per second by the chain watcher from a local Hardhat node shaped
 * like a mainnet scan: BENCH_CHAIN_BLOCKS blocks (default 100,000) holding sparse mints of
 * BENCH_CHAIN_DEPLOYMENTS tokens (default 4), each token minted in 40 transactions of 25 holders
 * spread over the whole range (4,000 logs in all by default). The watchers run as the chain-watcher
 * process runs them (ChainWatcherPool: a bounded pool of 4, adaptive eth_getLogs ranges from 2,000
 * blocks up to 50,000, the log blocks' headers, totalSupply() at every range end through Multicall3,
 * which the bench installs on the node at its mainnet address, the decider and the append to
 * PostgreSQL, a fresh schema per run).
 *
 * Baseline: bare eth_getLogs through fetch over the same blocks for the same tokens, in fixed windows
 * of the watchers' configured range (batchBlocks, 2,000: Alchemy's cap for unbounded answers; set
 * BENCH_CHAIN_BASELINE_WINDOW to compare with wider ones, e.g. 10,000, Infura's and QuickNode's cap),
 * the tokens four at a time like the pool; the JSON answers are parsed and their logs counted, nothing else.
 *
 * Measured by the shared harness (support/paired.ts): warm-up, then alternating pairs. Database:
 * BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test.
 */
import { ChainWatcherPool, WatchedDeployment } from '@recon/chain';
import { createPostgresEventStore, dropEventStoreSchema } from '@recon/event-store';
import { Pool } from 'pg';
import { LocalChain } from '../libs/chain/src/testing/local-chain';
import { BenchResult } from './support/measure';
import { measuredFields, paired } from './support/paired';

const BLOCKS = Number(process.env.BENCH_CHAIN_BLOCKS ?? 100_000);
const DEPLOYMENTS = Number(process.env.BENCH_CHAIN_DEPLOYMENTS ?? 4);
const TXS_PER_DEPLOYMENT = 40;
const PER_TX = 25;
const CONCURRENCY = 4;
/** Blocks per request of the baseline: the watchers' configured first range (BENCH_CHAIN_BASELINE_WINDOW to compare with others). */
const BASELINE_WINDOW = Number(process.env.BENCH_CHAIN_BASELINE_WINDOW ?? 2_000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

async function rawGetLogs(url: string, address: string, from: number, to: number): Promise<number> {
  let logs = 0;
  for (let start = from; start <= to; start += BASELINE_WINDOW) {
    const end = Math.min(start + BASELINE_WINDOW - 1, to);
    const response = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: start, method: 'eth_getLogs', params: [{ address, topics: [TRANSFER_TOPIC], fromBlock: `0x${start.toString(16)}`, toBlock: `0x${end.toString(16)}` }] }),
    });
    logs += ((await response.json()) as { result: unknown[] }).result.length;
  }
  return logs;
}

/** Runs `task` over `items`, `limit` at a time. */
async function pooled<T>(items: readonly T[], limit: number, task: (item: T) => Promise<number>): Promise<number> {
  const queue = [...items];
  let total = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      const seen = await task(item);
      total += seen;
    }
  }));
  return total;
}

export async function run(): Promise<BenchResult[]> {
  const chain = await LocalChain.start(31337);
  const pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  try {
    await chain.installMulticall3();
    const tokens: `0x${string}`[] = [];
    for (let d = 0; d < DEPLOYMENTS; d++) tokens.push(await chain.deploy());
    const holders = Array.from({ length: PER_TX }, (_, i) => `0x${(i + 1).toString(16).padStart(40, '0')}`);
    const txs = DEPLOYMENTS * TXS_PER_DEPLOYMENT;
    const first = (await chain.head()) + 1;
    const spacing = (BLOCKS - first) / txs;
    // Hardhat answers eth_call at the blocks hardhat_mine makes as if no contract were there (they are
    // reserved, not executed), so every block a range can end at (k × 2,000 − 1) is a real one: a mint or a plain transfer.
    const planned = new Map<number, number | 'transfer'>();
    for (let k = 1; k * 2_000 - 1 < BLOCKS; k++) if (k * 2_000 - 1 >= first) planned.set(k * 2_000 - 1, 'transfer');
    for (let t = 0; t < txs; t++) {
      let block = first + Math.floor((t + 0.5) * spacing);
      while (planned.get(block) !== undefined && planned.get(block) !== 'transfer') block++;
      planned.set(block, t);
    }
    console.error(`chain.logs: ${DEPLOYMENTS} tokens, ${txs} mint transactions of ${PER_TX} logs spread over ${BLOCKS} blocks`);
    for (const [block, what] of [...planned].sort((a, b) => a[0] - b[0])) {
      const empty = block - (await chain.head()) - 1;
      if (empty > 0) await chain.mineReserved(empty);
      if (what === 'transfer') await chain.transferEther(holders[0]! as `0x${string}`);
      else await chain.send(tokens[what % DEPLOYMENTS]!, 'BackedToken', 'mintBatch', [holders, 1n]);
    }
    const rest = BLOCKS - (await chain.head());
    if (rest > 0) await chain.mineReserved(rest);
    await chain.transferEther(holders[0]! as `0x${string}`);
    const logs = txs * PER_TX;
    const head = await chain.head();
    const deployments: WatchedDeployment[] = tokens.map((token, i) => ({ ...chain.deployment(token, { confirmations: 0, batchBlocks: 2_000, maxBatchBlocks: 50_000 }), assetId: `bench-${i}` }));

    let schemaNo = 0;
    let multicalls = 0;
    let supplyReads = 0;
    const m = await paired({
      name: 'chain.logs',
      value: async () => {
        const schema = `bench_chain_${process.pid}_${schemaNo++}`;
        const store = await createPostgresEventStore({ pool, ownsPool: false, schema, listen: false });
        try {
          const watchers = new ChainWatcherPool(deployments, store, { concurrency: CONCURRENCY });
          await watchers.start();
          await watchers.catchUp();
          const recorded = (await store.readAll({ maxCount: logs * 2 + 10_000 })).filter((e) => e.type === 'ChainTransferObserved').length;
          if (recorded !== logs) throw new Error(`the watchers recorded ${recorded} of ${logs} mints`);
          const stats = [...watchers.supplyReads.values()][0]!.stats;
          multicalls = stats.multicalls;
          supplyReads = stats.reads;
          return recorded;
        } finally {
          await store.close();
          await dropEventStoreSchema(pool, schema);
        }
      },
      baseline: async () => {
        const seen = await pooled(deployments, CONCURRENCY, (d) => rawGetLogs(chain.node.url, d.contractAddress, d.startBlock, head));
        if (seen !== logs) throw new Error(`raw eth_getLogs saw ${seen} of ${logs} logs`);
        return seen;
      },
    });
    return [{ bench: 'chain.logs', unit: 'logs/s', ...measuredFields(m), target: 0.5, n: logs, blocks: head, deployments: DEPLOYMENTS,
      baselineWindow: BASELINE_WINDOW, supplyReads, multicalls, note: `watcher pool (${CONCURRENCY} at once, adaptive ranges, Multicall3) vs bare eth_getLogs in ${BASELINE_WINDOW}-block windows` }];
  } finally {
    await pool.end();
    await chain.stop();
  }
}
