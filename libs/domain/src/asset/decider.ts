import { assertNever, Decider, DomainError } from '../shared/decider';
import { formatFixed, MULTIPLIER_SCALE, parseFixed } from '../shared/fixed-point';
import * as guard from '../shared/guards';
import { sameContent } from '../shared/canonical';
import { AssetCommand, ChangeMultiplier, LinkCustodyAccount, RecordTokenDeployment, RegisterAsset } from './commands';
import { AssetEvent, AssetRegistered } from './events';

export interface DeployedToken {
  readonly contractAddress: string;
  readonly decimals: number;
}

export type AssetState =
  | { readonly status: 'Unregistered' }
  | {
      readonly status: 'Registered';
      readonly registered: AssetRegistered['data'];
      readonly multiplier: bigint;
      /** One token contract per chain, keyed by chain id: also the idempotency key of deployments. */
      readonly tokens: ReadonlyMap<number, DeployedToken>;
      /** `<custodian>/<account>` keys already linked. */
      readonly custodyAccounts: ReadonlySet<string>;
    };

type Registered = Extract<AssetState, { status: 'Registered' }>;

const accountKey = (custodian: string, account: string) => `${custodian}/${account}`;
const multiplierText = (text: string, field: string) => formatFixed(guard.positiveDecimal(text, MULTIPLIER_SCALE, field), MULTIPLIER_SCALE);

function requireRegistered(state: AssetState, assetId: string): Registered {
  if (state.status !== 'Registered') throw new DomainError('ASSET_NOT_REGISTERED', `asset ${assetId} is not registered`);
  return state;
}

function registerAsset({ data, metadata }: RegisterAsset, state: AssetState): AssetEvent[] {
  const registered: AssetRegistered['data'] = {
    assetId: guard.nonEmpty(data.assetId, 'assetId'),
    isin: guard.isin(data.isin),
    symbol: guard.nonEmpty(data.symbol, 'symbol'),
    name: guard.nonEmpty(data.name, 'name'),
    initialMultiplier: multiplierText(data.initialMultiplier, 'initialMultiplier'),
    registeredAt: metadata.now,
  };
  if (state.status === 'Registered') {
    // A retried registration is a no-op; a different one under the same id is a mistake.
    if (sameContent(state.registered, registered, ['registeredAt'])) return [];
    throw new DomainError('ASSET_ALREADY_REGISTERED', `asset ${data.assetId} is already registered with different details`);
  }
  return [{ type: 'AssetRegistered', data: registered }];
}

function recordTokenDeployment({ data }: RecordTokenDeployment, state: AssetState): AssetEvent[] {
  const asset = requireRegistered(state, data.assetId);
  const chainId = guard.positiveInteger(data.chainId, 'chainId');
  const contractAddress = guard.evmAddress(data.contractAddress, 'contractAddress');
  if (!Number.isInteger(data.decimals) || data.decimals < 0 || data.decimals > 36) {
    throw new DomainError('INVALID_DECIMALS', `decimals must be an integer in 0..36 (got ${data.decimals})`);
  }
  const existing = asset.tokens.get(chainId);
  if (existing) {
    if (existing.contractAddress !== contractAddress) {
      throw new DomainError('CHAIN_ALREADY_HAS_TOKEN', `asset ${asset.registered.assetId} already has token ${existing.contractAddress} on chain ${chainId}`);
    }
    if (existing.decimals !== data.decimals) {
      throw new DomainError('CONFLICTING_DEPLOYMENT', `token ${contractAddress} on chain ${chainId} was recorded with ${existing.decimals} decimals`);
    }
    return []; // same chain + contract seen before: the watcher or an operator retried
  }
  return [{ type: 'TokenDeployed', data: { assetId: asset.registered.assetId, chainId, contractAddress, decimals: data.decimals } }];
}

function linkCustodyAccount({ data, metadata }: LinkCustodyAccount, state: AssetState): AssetEvent[] {
  const asset = requireRegistered(state, data.assetId);
  // One custodian, one identity: BIC8 and its BIC11 `XXX` link the same account once (shared/bic.ts).
  const custodian = guard.bic(data.custodian, 'custodian');
  const account = guard.nonEmpty(data.account, 'account');
  if (asset.custodyAccounts.has(accountKey(custodian, account))) return [];
  return [{ type: 'CustodyAccountLinked', data: { assetId: asset.registered.assetId, custodian, account, linkedAt: metadata.now } }];
}

function changeMultiplier({ data }: ChangeMultiplier, state: AssetState): AssetEvent[] {
  const asset = requireRegistered(state, data.assetId);
  const newMultiplier = multiplierText(data.newMultiplier, 'newMultiplier');
  const effectiveAt = guard.timestamp(data.effectiveAt, 'effectiveAt');
  const reason = guard.nonEmpty(data.reason, 'reason');
  const oldMultiplier = formatFixed(asset.multiplier, MULTIPLIER_SCALE);
  if (newMultiplier === oldMultiplier) return []; // already in effect: a retried corporate action
  return [{ type: 'MultiplierChanged', data: { assetId: asset.registered.assetId, oldMultiplier, newMultiplier, effectiveAt, reason } }];
}

function decide(command: AssetCommand, state: AssetState): AssetEvent[] {
  switch (command.type) {
    case 'RegisterAsset':
      return registerAsset(command, state);
    case 'RecordTokenDeployment':
      return recordTokenDeployment(command, state);
    case 'LinkCustodyAccount':
      return linkCustodyAccount(command, state);
    case 'ChangeMultiplier':
      return changeMultiplier(command, state);
    default:
      return assertNever(command);
  }
}

function evolve(state: AssetState, event: AssetEvent): AssetState {
  if (event.type === 'AssetRegistered') {
    return {
      status: 'Registered',
      registered: event.data,
      multiplier: parseFixed(event.data.initialMultiplier, MULTIPLIER_SCALE),
      tokens: new Map(),
      custodyAccounts: new Set(),
    };
  }
  if (state.status !== 'Registered') return state; // nothing but registration can open the stream
  switch (event.type) {
    case 'TokenDeployed':
      return { ...state, tokens: new Map(state.tokens).set(event.data.chainId, event.data) };
    case 'CustodyAccountLinked':
      return { ...state, custodyAccounts: new Set(state.custodyAccounts).add(accountKey(event.data.custodian, event.data.account)) };
    case 'MultiplierChanged':
      return { ...state, multiplier: parseFixed(event.data.newMultiplier, MULTIPLIER_SCALE) };
    default:
      return assertNever(event);
  }
}

const initialState = (): AssetState => ({ status: 'Unregistered' });

export const assetDecider: Decider<AssetCommand, AssetEvent, AssetState> = { decide, evolve, initialState };
