import { DomainCommand } from '../shared/event';

export type RegisterAsset = DomainCommand<'RegisterAsset', {
  assetId: string;
  isin: string;
  symbol: string;
  name: string;
  /** Shares per token as a decimal string, e.g. "1" or "0.5". */
  initialMultiplier: string;
}>;

/** Records a token contract already deployed on a chain (the deployment itself happens elsewhere). */
export type RecordTokenDeployment = DomainCommand<'RecordTokenDeployment', {
  assetId: string;
  chainId: number;
  contractAddress: string;
  decimals: number;
}>;

export type LinkCustodyAccount = DomainCommand<'LinkCustodyAccount', {
  assetId: string;
  custodian: string;
  account: string;
}>;

export type ChangeMultiplier = DomainCommand<'ChangeMultiplier', {
  assetId: string;
  newMultiplier: string;
  effectiveAt: string;
  reason: string;
}>;

export type AssetCommand = RegisterAsset | RecordTokenDeployment | LinkCustodyAccount | ChangeMultiplier;
