import { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AssetCommand, CommandMetadata } from '@recon/domain';
import { RequestContext } from '../command-handling/request-context';
import { ExecuteAssetCommand } from '../features/assets/assets.controller';

/** The embedded demo: two assets, each deployed on two chains, backed at one custodian account. */
export const DEMO = {
  custodian: 'DEMOBANKCHZZ',
  account: 'SAFE-0001',
  chains: [
    { chainId: 1, name: 'Ethereum' },
    { chainId: 8453, name: 'Base' },
  ],
  assets: [
    { assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', contracts: ['0x3f0c0e9c1b2a9d5e4c3b2a1f0e9d8c7b6a5f4e3d', '0x4a1b2c3d4e5f60718293a4b5c6d7e8f901234567'] },
    { assetId: 'bCSPX', isin: 'IE00B5BMR087', symbol: 'bCSPX', name: 'iShares Core S&P 500 UCITS ETF', contracts: ['0x5b2c3d4e5f60718293a4b5c6d7e8f90123456789', '0x6c3d4e5f60718293a4b5c6d7e8f9012345678901'] },
  ],
} as const;

/**
 * Seeds through the command bus like any client, with idempotency keys: seeding a store that
 * already holds the demo appends nothing.
 */
export async function seedDemo(app: INestApplication, now: string): Promise<number> {
  const bus = app.get(CommandBus);
  const metadata: CommandMetadata = { now, actor: 'demo-seed' };
  let appended = 0;
  const send = async (key: string, command: AssetCommand) => {
    const context: RequestContext = { principal: { id: 'demo-seed', roles: ['admin'], via: 'api-key' }, now, correlationId: 'demo-seed', idempotencyKey: `demo-seed.${key}` };
    const result = await bus.execute(new ExecuteAssetCommand(command, context));
    appended += result.appended.length;
  };
  for (const asset of DEMO.assets) {
    const { assetId, isin, symbol, name } = asset;
    await send(`${assetId}.register`, { type: 'RegisterAsset', data: { assetId, isin, symbol, name, initialMultiplier: '1' }, metadata });
    for (const [index, chain] of DEMO.chains.entries()) {
      await send(`${assetId}.deploy.${chain.chainId}`, {
        type: 'RecordTokenDeployment',
        data: { assetId, chainId: chain.chainId, contractAddress: asset.contracts[index], decimals: 18 },
        metadata,
      });
    }
    await send(`${assetId}.custody`, { type: 'LinkCustodyAccount', data: { assetId, custodian: DEMO.custodian, account: DEMO.account }, metadata });
  }
  return appended;
}
