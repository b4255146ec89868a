import { DomainEvent } from '../shared/event';

/** v2: `symbol` (was `ticker` in v1) and `initialMultiplier` (v1 assets were all 1:1). See events.v1.ts. */
export type AssetRegistered = DomainEvent<'AssetRegistered', {
  assetId: string;
  isin: string;
  symbol: string;
  name: string;
  /** Shares per token, decimal string at MULTIPLIER_SCALE. */
  initialMultiplier: string;
  registeredAt: string;
}>;

export type TokenDeployed = DomainEvent<'TokenDeployed', {
  assetId: string;
  chainId: number;
  /** Lower-case 0x address: EIP-55 casing is a checksum, not part of the identity. */
  contractAddress: string;
  decimals: number;
}>;

export type CustodyAccountLinked = DomainEvent<'CustodyAccountLinked', {
  assetId: string;
  /** BIC normal form (shared/bic.ts) since v2; older links are normalised on read. */
  custodian: string;
  account: string;
  linkedAt: string;
}>;

export type MultiplierChanged = DomainEvent<'MultiplierChanged', {
  assetId: string;
  oldMultiplier: string;
  newMultiplier: string;
  /** Business time the corporate action takes effect (ex-date), not when it was recorded. */
  effectiveAt: string;
  reason: string;
}>;

export type AssetEvent = AssetRegistered | TokenDeployed | CustodyAccountLinked | MultiplierChanged;

export const ASSET_EVENT_TYPES = ['AssetRegistered', 'TokenDeployed', 'CustodyAccountLinked', 'MultiplierChanged'] as const satisfies readonly AssetEvent['type'][];
