import { specification } from '../testing/decider-specification';
import { APPLE_ISIN, meta, NOW } from '../testing/fixtures';
import { AssetCommand } from './commands';
import { assetDecider } from './decider';
import { AssetEvent } from './events';
import { assetStream } from './stream';

const { given } = specification(assetDecider);
const TOKEN = '0xAbCdEf0123456789abcdef0123456789ABCDEF01';

const register = (overrides: Partial<Extract<AssetCommand, { type: 'RegisterAsset' }>['data']> = {}): AssetCommand => ({
  type: 'RegisterAsset',
  data: { assetId: 'aapl', isin: APPLE_ISIN, symbol: 'bAAPL', name: 'Backed Apple', initialMultiplier: '1.000', ...overrides },
  metadata: meta(),
});
const registered: AssetEvent = {
  type: 'AssetRegistered',
  data: { assetId: 'aapl', isin: APPLE_ISIN, symbol: 'bAAPL', name: 'Backed Apple', initialMultiplier: '1', registeredAt: NOW },
};
const deploy = (contractAddress = TOKEN, decimals = 18, chainId = 1): AssetCommand => ({
  type: 'RecordTokenDeployment', data: { assetId: 'aapl', chainId, contractAddress, decimals }, metadata: meta(),
});
const deployed: AssetEvent = { type: 'TokenDeployed', data: { assetId: 'aapl', chainId: 1, contractAddress: TOKEN.toLowerCase(), decimals: 18 } };
const link: AssetCommand = { type: 'LinkCustodyAccount', data: { assetId: 'aapl', custodian: 'BANKCHZZ', account: 'SAFE-1' }, metadata: meta() };
const linked: AssetEvent = { type: 'CustodyAccountLinked', data: { assetId: 'aapl', custodian: 'BANKCHZZ', account: 'SAFE-1', linkedAt: NOW } };
const changeMultiplier = (newMultiplier: string, effectiveAt = '2025-06-02T00:00:00Z'): AssetCommand => ({
  type: 'ChangeMultiplier', data: { assetId: 'aapl', newMultiplier, effectiveAt, reason: 'dividend reinvested' }, metadata: meta(),
});

describe('Asset decider', () => {
  describe('When the asset is not registered', () => {
    it('should register it with a normalized multiplier', () => given([]).when(register()).then([registered]));
    it('should refuse an ISIN whose check digit is wrong', () => given([]).when(register({ isin: 'US0378331006' })).thenThrows('INVALID_ISIN'));
    it('should refuse a zero multiplier', () => given([]).when(register({ initialMultiplier: '0' })).thenThrows('INVALID_QUANTITY'));
    it('should refuse a multiplier given as a non-decimal', () => given([]).when(register({ initialMultiplier: '1e3' })).thenThrows('INVALID_QUANTITY'));
    it('should refuse an empty symbol', () => given([]).when(register({ symbol: ' ' })).thenThrows('INVALID_FIELD'));
    it('should refuse a token deployment', () => given([]).when(deploy()).thenThrows('ASSET_NOT_REGISTERED'));
    it('should refuse a custody link', () => given([]).when(link).thenThrows('ASSET_NOT_REGISTERED'));
    it('should refuse a multiplier change', () => given([]).when(changeMultiplier('1.01')).thenThrows('ASSET_NOT_REGISTERED'));
  });

  describe('When the asset is registered', () => {
    it('should treat the same registration again as a no-op', () => given([registered]).when(register()).then([]));
    it('should refuse a different registration under the same id', () =>
      given([registered]).when(register({ name: 'Other' })).thenThrows('ASSET_ALREADY_REGISTERED'));
    it('should record a token deployment with a lower-case address', () => given([registered]).when(deploy()).then([deployed]));
    it('should refuse an address that is not 20 bytes of hex', () => given([registered]).when(deploy('0x1234')).thenThrows('INVALID_ADDRESS'));
    it('should refuse more than 36 decimals', () => given([registered]).when(deploy(TOKEN, 37)).thenThrows('INVALID_DECIMALS'));
    it('should accept 0 decimals', () =>
      given([registered]).when(deploy(TOKEN, 0)).then([{ ...deployed, data: { ...deployed.data, decimals: 0 } }]));
    it('should refuse a chain id that is not a positive integer', () => given([registered]).when(deploy(TOKEN, 18, 0)).thenThrows('INVALID_FIELD'));
    it('should link a custody account', () => given([registered]).when(link).then([linked]));
    it('should store the custodian in the BIC normal form, a BIC11 with branch XXX as BIC8', () =>
      given([registered]).when({ ...link, data: { ...link.data, custodian: 'bankchzzxxx' } } as AssetCommand).then([linked]));
    it('should refuse a custodian that is no BIC, naming the field', () =>
      given([registered]).when({ ...link, data: { ...link.data, custodian: 'DEMOBANKCHZZ' } } as AssetCommand).thenThrows('INVALID_BIC'));
    it('should change the multiplier, stating the old one', () =>
      given([registered]).when(changeMultiplier('1.0125')).then([
        { type: 'MultiplierChanged', data: { assetId: 'aapl', oldMultiplier: '1', newMultiplier: '1.0125', effectiveAt: '2025-06-02T00:00:00Z', reason: 'dividend reinvested' } },
      ]));
    it('should treat a change to the multiplier already in effect as a no-op', () => given([registered]).when(changeMultiplier('1.00')).then([]));
    it('should refuse an effective time that is not ISO-8601', () =>
      given([registered]).when(changeMultiplier('2', '02/06/2025')).thenThrows('INVALID_TIMESTAMP'));
  });

  describe('When a token is already deployed on the chain', () => {
    it('should record nothing for the same chain and contract in any letter case', () =>
      given([registered, deployed]).when(deploy(TOKEN.toUpperCase().replace('0X', '0x'))).then([]));
    it('should refuse a second contract on the same chain', () =>
      given([registered, deployed]).when(deploy('0x' + '1'.repeat(40))).thenThrows('CHAIN_ALREADY_HAS_TOKEN'));
    it('should refuse the same contract with other decimals', () =>
      given([registered, deployed]).when(deploy(TOKEN, 6)).thenThrows('CONFLICTING_DEPLOYMENT'));
    it('should record a token on another chain', () =>
      given([registered, deployed]).when(deploy(TOKEN, 18, 8453)).then([{ ...deployed, data: { ...deployed.data, chainId: 8453 } }]));
  });

  describe('When the custody account is already linked', () => {
    it('should record nothing', () => given([registered, linked]).when(link).then([]));
    it('should record nothing for the same custodian given as BIC11 with branch XXX', () =>
      given([registered, linked]).when({ ...link, data: { ...link.data, custodian: 'BANKCHZZXXX' } } as AssetCommand).then([]));
  });

  describe('When the multiplier has changed', () => {
    const changed: AssetEvent = {
      type: 'MultiplierChanged',
      data: { assetId: 'aapl', oldMultiplier: '1', newMultiplier: '2', effectiveAt: '2025-06-02T00:00:00Z', reason: 'split 2:1' },
    };
    it('should state the changed multiplier as the old one next time', () =>
      given([registered, changed]).when(changeMultiplier('2.5')).then([
        { type: 'MultiplierChanged', data: { ...changed.data, oldMultiplier: '2', newMultiplier: '2.5', reason: 'dividend reinvested' } },
      ]));
  });

  describe('When naming the stream', () => {
    it('should prefix the asset id', () => expect(assetStream('aapl')).toBe('asset-aapl'));
    it('should refuse an id with whitespace', () => expect(() => assetStream('a b')).toThrow('whitespace'));
  });
});
