import { InvalidSettingsError, loadSettings, Settings } from '@recon/platform';
import { DEFAULT_MAX_REORG_DEPTH, WatchedDeployment } from './deployment';

/**
 * The chain watcher's settings, read by its process (apps/chain-watcher) and by `recon chain resync`,
 * which recovers the same deployments: one reading of CHAIN_DEPLOYMENTS for both.
 */

export interface ChainWatcherSettings {
  readonly databaseUrl: string;
  readonly databaseSchema: string;
  readonly pollIntervalMs: number;
  /** Deployments scanned at once (CHAIN_CONCURRENCY, default 4). */
  readonly concurrency: number;
  readonly deployments: readonly WatchedDeployment[];
}

/** A setting the watcher cannot run with; the message names the variable, or the file, entry and field. */
export class InvalidWatcherSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidWatcherSettingsError';
  }
}

const DEFAULTS = { confirmations: 12, batchBlocks: 2_000, maxBatchBlocks: 50_000, maxReorgDepth: DEFAULT_MAX_REORG_DEPTH, rebasing: false };

function field<T>(entry: Record<string, unknown>, name: string, where: string, check: (v: unknown) => v is T, what: string, fallback?: T): T {
  const value = entry[name] ?? fallback;
  if (!check(value)) throw new InvalidWatcherSettingsError(`${where}.${name}: ${what} (got ${JSON.stringify(entry[name])})`);
  return value;
}

const isInt = (min: number) => (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= min;
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isAddress = (v: unknown): v is string => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v);
const isHttpUrl = (v: unknown): v is string => typeof v === 'string' && /^https?:\/\/[^\s]+$/.test(v);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

/** One entry of the deployments file; `where` is `<file>[<index>]`. */
export function parseDeployment(entry: unknown, where: string): WatchedDeployment {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new InvalidWatcherSettingsError(`${where}: not an object`);
  const e = entry as Record<string, unknown>;
  return {
    assetId: field(e, 'assetId', where, isText, 'an asset id'),
    chainId: field(e, 'chainId', where, isInt(1), 'a positive integer chain id'),
    rpcUrl: field(e, 'rpcUrl', where, isHttpUrl, 'an http(s):// JSON-RPC URL'),
    contractAddress: field(e, 'contract', where, isAddress, 'a 0x-prefixed 20-byte hex address').toLowerCase() as `0x${string}`,
    decimals: field(e, 'decimals', where, isInt(0), 'the token decimals, an integer from 0'),
    startBlock: field(e, 'startBlock', where, isInt(0), 'the deployment block, an integer from 0'),
    confirmations: field(e, 'confirmations', where, isInt(0), 'blocks on top before a block counts, an integer from 0', DEFAULTS.confirmations),
    batchBlocks: field(e, 'batchBlocks', where, isInt(1), 'blocks of the first eth_getLogs, a positive integer', DEFAULTS.batchBlocks),
    maxBatchBlocks: field(e, 'maxBatchBlocks', where, isInt(1), 'the most blocks per eth_getLogs, a positive integer', DEFAULTS.maxBatchBlocks),
    maxReorgDepth: field(e, 'maxReorgDepth', where, isInt(1), 'the most blocks read again after a reorg, a positive integer', DEFAULTS.maxReorgDepth),
    rebasing: field(e, 'rebasing', where, isBool, 'true or false', DEFAULTS.rebasing),
  };
}

/**
 * CHAIN_DEPLOYMENTS names a JSON file: an array of { assetId, chainId, rpcUrl, contract, decimals,
 * startBlock, confirmations?, batchBlocks?, maxBatchBlocks?, maxReorgDepth?, rebasing? }. Nothing starts unless all of it is valid.
 */
export function loadWatcherSettings(env: NodeJS.ProcessEnv, readFile: (path: string) => string): ChainWatcherSettings {
  // The shared names and defaults come from the one settings module every process reads.
  let shared: Settings;
  try {
    shared = loadSettings(env);
  } catch (error) {
    if (error instanceof InvalidSettingsError) throw new InvalidWatcherSettingsError(error.problems.join('; '));
    throw error;
  }
  const databaseUrl = shared.DATABASE_URL;
  if (!databaseUrl) throw new InvalidWatcherSettingsError('DATABASE_URL must be a postgres:// connection string');
  const databaseSchema = shared.DATABASE_SCHEMA;
  const pollIntervalMs = shared.CHAIN_POLL_MS;
  const concurrency = shared.CHAIN_CONCURRENCY;
  const file = env.CHAIN_DEPLOYMENTS;
  if (!file) throw new InvalidWatcherSettingsError('CHAIN_DEPLOYMENTS must name the JSON file of deployments to watch');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFile(file));
  } catch (error) {
    throw new InvalidWatcherSettingsError(`CHAIN_DEPLOYMENTS ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new InvalidWatcherSettingsError(`${file}: must be a non-empty JSON array of deployments`);
  const deployments = parsed.map((entry, i) => parseDeployment(entry, `${file}[${i}]`));
  const keys = deployments.map((d) => `${d.chainId}:${d.contractAddress}`);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new InvalidWatcherSettingsError(`${file}: chain and contract ${twice} are listed twice`);
  return { databaseUrl, databaseSchema, pollIntervalMs, concurrency, deployments };
}
