import { ChainReader } from './chain-reader';
import { WatchedDeployment } from './deployment';

/** A deployment the watcher cannot follow as configured; the message names the setting to fix. */
export class DeploymentConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeploymentConfigError';
  }
}

/**
 * Checks once, before the first scan, that the RPC URL answers as the configured chain and that a
 * token with the configured decimals lives at the contract address: a typo should stop the process
 * with its name, not show up later as a supply of zero.
 */
export async function checkDeployment(reader: ChainReader, d: WatchedDeployment): Promise<void> {
  const at = `chain ${d.chainId} (${d.assetId})`;
  let chainId: number;
  try {
    chainId = await reader.chainId();
  } catch (error) {
    throw new DeploymentConfigError(`${at}: RPC URL ${d.rpcUrl} does not answer JSON-RPC: ${(error as Error).message.split('\n')[0]}`);
  }
  if (chainId !== d.chainId) throw new DeploymentConfigError(`${at}: RPC URL ${d.rpcUrl} serves chain ${chainId}, not ${d.chainId}`);
  const code = await reader.code();
  if (!code || code === '0x') throw new DeploymentConfigError(`${at}: no contract at ${d.contractAddress} (contract address)`);
  let decimals: number;
  try {
    decimals = await reader.decimals();
  } catch (error) {
    throw new DeploymentConfigError(`${at}: the contract at ${d.contractAddress} has no ERC-20 decimals(): ${(error as Error).message.split('\n')[0]}`);
  }
  if (decimals !== d.decimals) throw new DeploymentConfigError(`${at}: the contract at ${d.contractAddress} has ${decimals} decimals, configured ${d.decimals}`);
}
