import { BurnedOnChain, ChainReorgDetected, ChainTransferObserved, ChainTransferReverted, MintedOnChain, parseTokenUnits, TokenDeployed, TotalSupplyRead } from '@recon/domain';
import { BatchWrite, insertRows, setFromExcluded, unnestRows } from './batch-write';

/**
 * The chain watcher's observations count like recorded mints and burns, and a reverted one (its
 * block orphaned by a reorg) counts negatively. A log is counted once, by chain id, tx hash and log
 * index, whether the watcher observed it, the issuance API recorded it, or both (token_supply_logs
 * remembers each); a reverted one stays reverted whatever names it later, unless the watcher sees
 * its transaction in another block. The watcher's totalSupply() readings give each chain's latest
 * reading and the last confirmed block it was read at.
 */
export type SupplyEvent = TokenDeployed | MintedOnChain | BurnedOnChain | ChainTransferObserved | ChainTransferReverted | TotalSupplyRead | ChainReorgDetected;
type LogEvent = Extract<SupplyEvent, { type: 'MintedOnChain' | 'BurnedOnChain' | 'ChainTransferObserved' | 'ChainTransferReverted' }>;

interface Deployment {
  readonly assetId: string;
  readonly chainId: number;
  readonly contractAddress: string;
  readonly decimals: number;
}

interface SupplyMove {
  readonly assetId: string;
  readonly chainId: number;
  /** Base units as decimal strings: exact in PostgreSQL numeric, never a JavaScript number. */
  readonly minted: string;
  readonly burned: string;
  readonly blockNumber: number;
  /** Absent for a reversal: it says nothing new about time. */
  readonly blockTime: string | undefined;
}

/** One log as the read model counted it: a row of token_supply_logs. */
interface LogRow {
  readonly chainId: number;
  readonly txHash: string;
  readonly logIndex: number;
  readonly assetId: string;
  readonly direction: 'mint' | 'burn';
  readonly amount: string;
  readonly blockNumber: number;
  /** The watcher's block hash; null for a log only recorded by hand. */
  readonly blockHash: string | null;
  readonly counted: boolean;
  readonly revertedBlock: number | null;
  readonly revertedHash: string | null;
}

const logKey = (l: { chainId: number; txHash: string; logIndex: number }) => `${l.chainId}:${l.txHash}:${l.logIndex}`;

/** The row after one event, and what it does to the supply: +1 counted now, −1 reverted now, 0 nothing new. */
function applyLog(row: LogRow | undefined, event: LogEvent): { row: LogRow; delta: 1 | -1 | 0 } {
  const d = event.data;
  const direction = event.type === 'MintedOnChain' ? 'mint' : event.type === 'BurnedOnChain' ? 'burn' : event.data.direction;
  const base = { chainId: d.chainId, txHash: d.txHash, logIndex: d.logIndex, assetId: d.assetId, direction, amount: parseTokenUnits(d.amount).toString(), blockNumber: d.blockNumber } as const;
  const hash = 'blockHash' in d ? d.blockHash : null;
  if (event.type === 'ChainTransferReverted') {
    const reverted = { revertedBlock: d.blockNumber, revertedHash: event.data.blockHash };
    if (row?.counted && (row.blockHash === event.data.blockHash || (row.blockHash === null && row.blockNumber === d.blockNumber))) return { row: { ...row, counted: false, ...reverted }, delta: -1 };
    return row?.counted ? { row, delta: 0 } : { row: { ...(row ?? { ...base, blockHash: hash }), counted: false, ...reverted }, delta: 0 };
  }
  if (row?.counted) return { row: row.blockHash === null && hash !== null ? { ...row, blockHash: hash } : row, delta: 0 };
  const stillReverted = row && (hash !== null ? row.revertedHash === hash : row.revertedBlock === d.blockNumber);
  if (stillReverted) return { row, delta: 0 };
  return { row: { ...base, blockHash: hash, counted: true, revertedBlock: row?.revertedBlock ?? null, revertedHash: row?.revertedHash ?? null }, delta: 1 };
}

/** A chain's latest reading after the batch: set (null: cleared by a reorg), or cleared in the table if above a fork. */
type ReadingChange = { readonly assetId: string; readonly chainId: number } & (
  { readonly set: { readonly amount: string; readonly blockNumber: number; readonly blockTime: string } | null } | { readonly clearAbove: number });

function applyReading(change: ReadingChange | undefined, event: TotalSupplyRead | ChainReorgDetected): ReadingChange {
  const { assetId, chainId } = event.data;
  if (event.type === 'TotalSupplyRead') return { assetId, chainId, set: { amount: event.data.amount, blockNumber: event.data.blockNumber, blockTime: event.data.blockTime } };
  const fork = event.data.forkBlockNumber;
  if (change && 'set' in change) return { assetId, chainId, set: change.set && change.set.blockNumber <= fork ? change.set : null };
  return { clearAbove: Math.min(fork, change?.clearAbove ?? fork), assetId, chainId };
}

/**
 * Token deployments and supply. Mints and burns commute (sums, and the latest block and block time),
 * so the batch's moves are summed per asset and chain inside one statement. Decimals are not
 * commutative: a deployment sets them (the last one in the batch wins, as it would applied one by
 * one), and a supply row first created by a mint takes the largest known deployment's decimals.
 */
export async function writeSupply(write: BatchWrite, events: readonly SupplyEvent[]): Promise<void> {
  if (events.length === 0) return;
  const deployments = new Map<string, Deployment>(); // first per (asset, chain, contract): ON CONFLICT DO NOTHING keeps it
  const decimalsSet = new Map<string, Deployment>(); // last per (asset, chain)
  const moves: SupplyMove[] = [];
  const logs = await knownLogs(write, events.filter((e): e is LogEvent => e.type !== 'TokenDeployed' && e.type !== 'TotalSupplyRead' && e.type !== 'ChainReorgDetected'));
  const changedLogs = new Map<string, LogRow>();
  const readings = new Map<string, ReadingChange>();
  for (const event of events) {
    const d = event.data;
    if (event.type === 'TokenDeployed') {
      const deployment = { assetId: d.assetId, chainId: d.chainId, contractAddress: event.data.contractAddress, decimals: event.data.decimals };
      const key = JSON.stringify([d.assetId, d.chainId, deployment.contractAddress]);
      if (!deployments.has(key)) deployments.set(key, deployment);
      decimalsSet.set(JSON.stringify([d.assetId, d.chainId]), deployment);
      continue;
    }
    if (event.type === 'TotalSupplyRead' || event.type === 'ChainReorgDetected') {
      const key = JSON.stringify([d.assetId, d.chainId]);
      readings.set(key, applyReading(readings.get(key), event));
      continue;
    }
    const key = logKey(event.data);
    const { row, delta } = applyLog(logs.get(key), event);
    logs.set(key, row);
    changedLogs.set(key, row);
    if (delta === 0) continue;
    const amount = (BigInt(row.amount) * BigInt(delta)).toString();
    const minted = row.direction === 'mint';
    moves.push({
      assetId: row.assetId, chainId: row.chainId, minted: minted ? amount : '0', burned: minted ? '0' : amount,
      blockNumber: event.data.blockNumber, blockTime: event.type === 'ChainTransferReverted' ? undefined : event.data.blockTime,
    });
  }
  await insertRows(write.manager, write.table('token_deployments'), [
    { name: 'asset_id', type: 'text', value: (r: Deployment) => r.assetId },
    { name: 'chain_id', type: 'int', value: (r) => r.chainId },
    { name: 'contract_address', type: 'text', value: (r) => r.contractAddress },
    { name: 'decimals', type: 'int', value: (r) => r.decimals },
  ], [...deployments.values()], 'ON CONFLICT DO NOTHING');
  await upsertLogs(write, [...changedLogs.values()]);
  await upsertSupply(write, moves, [...decimalsSet.values()]);
  await writeReadings(write, [...readings.values()]);
}

const LOG_COLUMNS = ['chain_id', 'tx_hash', 'log_index', 'asset_id', 'direction', 'amount', 'block_number', 'block_hash', 'counted', 'reverted_block', 'reverted_hash'];

/** The rows of the batch's logs already in token_supply_logs, by key. */
async function knownLogs(write: BatchWrite, events: readonly LogEvent[]): Promise<Map<string, LogRow>> {
  if (events.length === 0) return new Map();
  const keys = unnestRows([
    { name: 'chain_id', type: 'int', value: (e: LogEvent) => e.data.chainId },
    { name: 'tx_hash', type: 'text', value: (e) => e.data.txHash },
    { name: 'log_index', type: 'int', value: (e) => e.data.logIndex },
  ], events, 'k');
  const rows = (await write.manager.query(
    `SELECT l.chain_id, l.tx_hash, l.log_index, l.asset_id, l.direction, l.amount::text AS amount, l.block_number::text AS block_number, l.block_hash, l.counted,
            l.reverted_block::text AS reverted_block, l.reverted_hash
       FROM ${write.table('token_supply_logs')} l JOIN (SELECT DISTINCT * FROM ${keys.sql}) k USING (chain_id, tx_hash, log_index)`,
    keys.params,
  )) as Array<Record<string, string | number | boolean | null>>;
  return new Map(rows.map((r) => {
    const row: LogRow = {
      chainId: Number(r.chain_id), txHash: String(r.tx_hash), logIndex: Number(r.log_index), assetId: String(r.asset_id), direction: r.direction === 'burn' ? 'burn' : 'mint',
      amount: String(r.amount), blockNumber: Number(r.block_number), blockHash: r.block_hash === null ? null : String(r.block_hash), counted: r.counted === true,
      revertedBlock: r.reverted_block === null ? null : Number(r.reverted_block), revertedHash: r.reverted_hash === null ? null : String(r.reverted_hash),
    };
    return [logKey(row), row];
  }));
}

async function upsertLogs(write: BatchWrite, rows: readonly LogRow[]): Promise<void> {
  await insertRows(write.manager, write.table('token_supply_logs'), [
    { name: 'chain_id', type: 'int', value: (r: LogRow) => r.chainId },
    { name: 'tx_hash', type: 'text', value: (r) => r.txHash },
    { name: 'log_index', type: 'int', value: (r) => r.logIndex },
    { name: 'asset_id', type: 'text', value: (r) => r.assetId },
    { name: 'direction', type: 'text', value: (r) => r.direction },
    { name: 'amount', type: 'numeric', value: (r) => r.amount },
    { name: 'block_number', type: 'bigint', value: (r) => r.blockNumber },
    { name: 'block_hash', type: 'text', value: (r) => r.blockHash },
    { name: 'counted', type: 'boolean', value: (r) => r.counted },
    { name: 'reverted_block', type: 'bigint', value: (r) => r.revertedBlock },
    { name: 'reverted_hash', type: 'text', value: (r) => r.revertedHash },
  ], rows, `ON CONFLICT (chain_id, tx_hash, log_index) DO UPDATE SET ${setFromExcluded(LOG_COLUMNS.slice(3))}`);
}

/** The latest totalSupply() reading and its block per chain; a reorg clears a reading above its fork until the next scan. */
async function writeReadings(write: BatchWrite, changes: readonly ReadingChange[]): Promise<void> {
  const supply = write.table('token_supply');
  for (const change of changes) {
    if ('clearAbove' in change || !change.set) {
      const [assetId, chainId, above] = 'clearAbove' in change ? [change.assetId, change.chainId, change.clearAbove] : [change.assetId, change.chainId, -1];
      await write.manager.query(`UPDATE ${supply} SET total_supply = NULL, confirmed_block = NULL, confirmed_at = NULL WHERE asset_id = $1 AND chain_id = $2 AND confirmed_block > $3`, [assetId, chainId, above]);
      continue;
    }
    const { assetId, chainId } = change;
    const { amount, blockNumber, blockTime } = change.set;
    await write.manager.query(
      `INSERT INTO ${supply} (asset_id, chain_id, decimals, supply, minted, burned, total_supply, confirmed_block, confirmed_at)
       VALUES ($1, $2, (SELECT max(t.decimals) FROM ${write.table('token_deployments')} t WHERE t.asset_id = $1 AND t.chain_id = $2), 0, 0, 0, $3, $4, $5)
       ON CONFLICT (asset_id, chain_id) DO UPDATE SET ${setFromExcluded(['total_supply', 'confirmed_block', 'confirmed_at'])}`,
      [assetId, chainId, amount, blockNumber, blockTime],
    );
  }
}

/**
 * One statement: updates the existing supply rows and inserts the missing ones. The advisory lock
 * every projection batch holds means no other writer inserts the same key in between.
 */
async function upsertSupply(write: BatchWrite, moves: readonly SupplyMove[], decimals: readonly Deployment[]): Promise<void> {
  const supply = write.table('token_supply');
  const moved = unnestRows([
    { name: 'asset_id', type: 'text', value: (r: SupplyMove) => r.assetId },
    { name: 'chain_id', type: 'int', value: (r) => r.chainId },
    { name: 'minted', type: 'numeric', value: (r) => r.minted },
    { name: 'burned', type: 'numeric', value: (r) => r.burned },
    { name: 'last_block', type: 'bigint', value: (r) => r.blockNumber },
    { name: 'as_of', type: 'timestamptz', value: (r) => r.blockTime },
  ], moves, 'm');
  const deployed = unnestRows([
    { name: 'asset_id', type: 'text', value: (r: Deployment) => r.assetId },
    { name: 'chain_id', type: 'int', value: (r) => r.chainId },
    { name: 'decimals', type: 'int', value: (r) => r.decimals },
  ], decimals, 'd', moved.params.length + 1);
  await write.manager.query(
    `WITH moved AS (
       SELECT asset_id, chain_id, sum(minted) AS minted, sum(burned) AS burned, max(last_block) AS last_block, max(as_of) AS as_of
       FROM ${moved.sql} GROUP BY asset_id, chain_id
     ), change AS (
       SELECT asset_id, chain_id, d.decimals, coalesce(moved.minted, 0) AS minted, coalesce(moved.burned, 0) AS burned, moved.last_block, moved.as_of
       FROM moved FULL JOIN ${deployed.sql} USING (asset_id, chain_id)
     ), updated AS (
       UPDATE ${supply} s SET decimals = coalesce(c.decimals, s.decimals), minted = s.minted + c.minted, burned = s.burned + c.burned,
         supply = s.supply + c.minted - c.burned, last_block = greatest(s.last_block, c.last_block), as_of = greatest(s.as_of, c.as_of)
       FROM change c WHERE s.asset_id = c.asset_id AND s.chain_id = c.chain_id
       RETURNING s.asset_id, s.chain_id
     )
     INSERT INTO ${supply} (asset_id, chain_id, decimals, supply, minted, burned, last_block, as_of)
     SELECT c.asset_id, c.chain_id,
       coalesce(c.decimals, (SELECT max(t.decimals) FROM ${write.table('token_deployments')} t WHERE t.asset_id = c.asset_id AND t.chain_id = c.chain_id)),
       c.minted - c.burned, c.minted, c.burned, c.last_block, c.as_of
     FROM change c WHERE NOT EXISTS (SELECT 1 FROM updated u WHERE u.asset_id = c.asset_id AND u.chain_id = c.chain_id)`,
    [...moved.params, ...deployed.params],
  );
}
