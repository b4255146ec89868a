import { TokenDeployed } from '@recon/domain';
import { BatchWrite, Column, insertRows } from './batch-write';

const DEPLOYMENT_COLUMNS: ReadonlyArray<Column<TokenDeployed['data']>> = [
  { name: 'asset_id', type: 'text', value: (d) => d.assetId },
  { name: 'chain_id', type: 'int', value: (d) => d.chainId },
  { name: 'contract_address', type: 'text', value: (d) => d.contractAddress },
  { name: 'decimals', type: 'int', value: (d) => d.decimals },
];

/** Token deployments are reference data, copied as they are: the first of each (asset, chain, contract) stays. */
export async function writeDeployments(write: BatchWrite, events: readonly TokenDeployed[]): Promise<void> {
  await insertRows(write.manager, write.table('token_deployments'), DEPLOYMENT_COLUMNS, events.map((e) => e.data), 'ON CONFLICT DO NOTHING');
}
