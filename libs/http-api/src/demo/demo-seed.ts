import { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ICommand } from '@nestjs/cqrs';
import { AssetCommand, CommandMetadata, CustodyCommand, IssuanceCommand } from '@recon/domain';
import { CommandResult, RequestContext } from '@recon/command-execution';
import { ExecuteAssetCommand } from '../features/assets/assets.controller';
import { ExecuteCustodyCommand } from '@recon/ingestion';
import { ExecuteIssuanceCommand } from '../features/issuance/issuance.controller';

/** The embedded demo: two assets, each deployed on two chains, backed at one custodian account; one of them short. */
export const DEMO = {
  custodian: 'DEMOCHZZ',
  account: 'SAFE-0001',
  chains: [
    { chainId: 1, name: 'Ethereum' },
    { chainId: 8453, name: 'Base' },
  ],
  assets: [
    // Fully backed: 1,000 tokens on Ethereum and 500 on Base against 1,500 shares in custody.
    { assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', contracts: ['0x3f0c0e9c1b2a9d5e4c3b2a1f0e9d8c7b6a5f4e3d', '0x4a1b2c3d4e5f60718293a4b5c6d7e8f901234567'],
      minted: ['1000', '500'], held: '1500' },
    // A seeded break: 800 tokens minted on Ethereum, 750 shares held, so 50 shares short.
    { assetId: 'bCSPX', isin: 'IE00B5BMR087', symbol: 'bCSPX', name: 'iShares Core S&P 500 UCITS ETF', contracts: ['0x5b2c3d4e5f60718293a4b5c6d7e8f90123456789', '0x6c3d4e5f60718293a4b5c6d7e8f9012345678901'],
      minted: ['800', '0'], held: '750' },
  ],
} as const;

const TOKEN_DECIMALS = 18;
const baseUnits = (tokens: string): string => (BigInt(tokens) * 10n ** BigInt(TOKEN_DECIMALS)).toString();

/** The weekday before `now`: the statement a daily custodian has delivered by now. */
export function lastBusinessDay(now: string): string {
  const day = new Date(now);
  do day.setUTCDate(day.getUTCDate() - 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  return day.toISOString().slice(0, 10);
}

/**
 * Seeds through the command bus like any client, with idempotency keys: seeding a store that
 * already holds the demo appends nothing. The seed writes the demo's reference data and first
 * statement directly as the system actor `demo-seed`, not through the four-eyes proposals of the
 * HTTP routes: it runs once at start-up of a demonstration store, before any person can act, and
 * every event it writes names it as actor.
 */
export async function seedDemo(app: INestApplication, now: string): Promise<number> {
  const bus = app.get(CommandBus);
  const metadata: CommandMetadata = { now, actor: 'demo-seed' };
  let appended = 0;
  const context = (key: string): RequestContext => ({
    principal: { id: 'demo-seed', roles: ['admin'], via: 'api-key' }, now, correlationId: 'demo-seed', idempotencyKey: `demo-seed.${key}`,
  });
  const run = async (key: string, message: { readonly command: unknown }) => {
    void key;
    const result: CommandResult = await bus.execute(message as ICommand);
    appended += result.appended.length;
  };
  const asset = (key: string, command: AssetCommand) => run(key, new ExecuteAssetCommand(command, context(key)));
  const issuance = (key: string, command: IssuanceCommand) => run(key, new ExecuteIssuanceCommand(command, context(key)));
  const custody = (key: string, command: CustodyCommand) => run(key, new ExecuteCustodyCommand(command, context(key)));

  const statementDate = lastBusinessDay(now);
  for (const demo of DEMO.assets) {
    const { assetId, isin, symbol, name } = demo;
    await asset(`${assetId}.register`, { type: 'RegisterAsset', data: { assetId, isin, symbol, name, initialMultiplier: '1' }, metadata });
    for (const [index, chain] of DEMO.chains.entries()) {
      await asset(`${assetId}.deploy.${chain.chainId}`, {
        type: 'RecordTokenDeployment',
        data: { assetId, chainId: chain.chainId, contractAddress: demo.contracts[index], decimals: TOKEN_DECIMALS },
        metadata,
      });
    }
    await asset(`${assetId}.custody`, { type: 'LinkCustodyAccount', data: { assetId, custodian: DEMO.custodian, account: DEMO.account }, metadata });
    for (const [index, chain] of DEMO.chains.entries()) {
      const tokens = demo.minted[index];
      if (tokens === '0') continue;
      const requestId = `DEMO-${assetId}-${chain.chainId}`;
      const amount = baseUnits(tokens);
      await issuance(`${requestId}.request`, { type: 'RequestMint', data: { requestId, assetId, chainId: chain.chainId, amount }, metadata });
      const txHash = `0x${Buffer.from(requestId).toString('hex').padEnd(64, '0').slice(0, 64)}`;
      await issuance(`${requestId}.mint`, {
        type: 'RecordMintOnChain',
        data: { requestId, chainId: chain.chainId, txHash, logIndex: 0, amount, blockNumber: 1000 + index, blockTime: `${statementDate}T12:00:00.000Z` },
        metadata,
      });
    }
  }
  const statementReference = `DEMO-${statementDate}`;
  await custody('statement', {
    type: 'ReceiveStatement',
    data: {
      statementId: `${DEMO.custodian}-${DEMO.account}-${statementReference}-1`,
      custodian: DEMO.custodian, account: DEMO.account, statementReference, page: 1, lastPage: true, asOf: statementDate,
      basis: 'SETTLED', completeness: 'COMPLETE', positions: DEMO.assets.map((demo) => ({ isin: demo.isin, quantity: demo.held })),
    },
    metadata,
  });
  return appended;
}
