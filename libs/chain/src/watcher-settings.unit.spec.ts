import { InvalidWatcherSettingsError, loadWatcherSettings } from './watcher-settings';

const ENTRY = { assetId: 'bAAPL', chainId: 1, rpcUrl: 'http://127.0.0.1:8545', contract: '0x' + 'AB'.repeat(20), decimals: 18, startBlock: 100 };
const load = (entries: unknown, env: NodeJS.ProcessEnv = {}) =>
  loadWatcherSettings({ DATABASE_URL: 'postgres://u@h:5432/db', CHAIN_DEPLOYMENTS: 'deployments.json', ...env }, () => JSON.stringify(entries));

describe('Chain watcher settings', () => {
  describe('When the deployments file is valid', () => {
    it('should take its entries, address lower-case and defaults filled in', () =>
      expect(load([ENTRY]).deployments).toEqual([{ ...ENTRY, contract: undefined, contractAddress: '0x' + 'ab'.repeat(20), confirmations: 12, batchBlocks: 2000, maxBatchBlocks: 50_000, maxReorgDepth: 100_000, rebasing: false }].map(({ contract: _c, ...d }) => d)));
  });

  describe('When something is wrong', () => {
    it('should name the file, the entry and the field of a bad contract address', () =>
      expect(() => load([ENTRY, { ...ENTRY, chainId: 8453, contract: '0x12' }])).toThrow('deployments.json[1].contract: a 0x-prefixed 20-byte hex address (got "0x12")'));
    it('should name a bad RPC URL', () => expect(() => load([{ ...ENTRY, rpcUrl: 'localhost:8545' }])).toThrow('deployments.json[0].rpcUrl: an http(s):// JSON-RPC URL'));
    it('should name a maximum reorg depth that is not a positive integer', () =>
      expect(() => load([{ ...ENTRY, maxReorgDepth: 0 }])).toThrow('deployments.json[0].maxReorgDepth: the most blocks read again after a reorg, a positive integer (got 0)'));
    it('should refuse a deployment listed twice', () => expect(() => load([ENTRY, ENTRY])).toThrow(`chain and contract 1:0x${'ab'.repeat(20)} are listed twice`));
    it('should refuse a missing file setting', () => expect(() => load([ENTRY], { CHAIN_DEPLOYMENTS: '' })).toThrow(InvalidWatcherSettingsError));
    it('should refuse a file that is not JSON', () =>
      expect(() => loadWatcherSettings({ DATABASE_URL: 'postgres://u@h/db', CHAIN_DEPLOYMENTS: 'd.json' }, () => '[{')).toThrow(/^CHAIN_DEPLOYMENTS d\.json: /));
  });
});
