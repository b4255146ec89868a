import { DomainCommand } from '../shared/event';

/** `amount` is in token base units (integer string), see events.ts. */
interface RequestCommandData {
  requestId: string;
  assetId: string;
  chainId: number;
  amount: string;
}

interface ChainTransferCommandData {
  requestId: string;
  chainId: number;
  txHash: string;
  logIndex: number;
  amount: string;
  blockNumber: number;
  blockTime: string;
}

export type RequestMint = DomainCommand<'RequestMint', RequestCommandData>;
export type RecordMintOnChain = DomainCommand<'RecordMintOnChain', ChainTransferCommandData>;
export type RequestRedemption = DomainCommand<'RequestRedemption', RequestCommandData>;
export type RecordBurnOnChain = DomainCommand<'RecordBurnOnChain', ChainTransferCommandData>;

export type IssuanceCommand = RequestMint | RecordMintOnChain | RequestRedemption | RecordBurnOnChain;
