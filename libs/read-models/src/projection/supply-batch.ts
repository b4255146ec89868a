import { BurnedOnChain, ChainTransferObserved, ChainTransferReverted, MintedOnChain, parseTokenUnits, TokenDeployed } from '@recon/domain';
import { BatchWrite, insertRows, unnestRows } from './batch-write';

/**
 * The chain watcher's observations count like recorded mints and burns, and a reverted one (its
 * block orphaned by a reorg) counts negatively. A deployment is either watched or recorded by hand
 * through the issuance API: both for the same log would count it twice here.
 */
export type SupplyEvent = TokenDeployed | MintedOnChain | BurnedOnChain | ChainTransferObserved | ChainTransferReverted;

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
  for (const event of events) {
    const d = event.data;
    if (event.type === 'TokenDeployed') {
      const deployment = { assetId: d.assetId, chainId: d.chainId, contractAddress: event.data.contractAddress, decimals: event.data.decimals };
      const key = JSON.stringify([d.assetId, d.chainId, deployment.contractAddress]);
      if (!deployments.has(key)) deployments.set(key, deployment);
      decimalsSet.set(JSON.stringify([d.assetId, d.chainId]), deployment);
      continue;
    }
    const units = parseTokenUnits(event.data.amount);
    const amount = (event.type === 'ChainTransferReverted' ? -units : units).toString();
    const minted = event.type === 'MintedOnChain' || ('direction' in event.data && event.data.direction === 'mint');
    moves.push({
      assetId: d.assetId, chainId: d.chainId, minted: minted ? amount : '0', burned: minted ? '0' : amount,
      blockNumber: event.data.blockNumber, blockTime: event.type === 'ChainTransferReverted' ? undefined : event.data.blockTime,
    });
  }
  await insertRows(write.manager, write.table('token_deployments'), [
    { name: 'asset_id', type: 'text', value: (r: Deployment) => r.assetId },
    { name: 'chain_id', type: 'int', value: (r) => r.chainId },
    { name: 'contract_address', type: 'text', value: (r) => r.contractAddress },
    { name: 'decimals', type: 'int', value: (r) => r.decimals },
  ], [...deployments.values()], 'ON CONFLICT DO NOTHING');
  await upsertSupply(write, moves, [...decimalsSet.values()]);
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
