import { DomainCommand } from '../shared/event';

/** `amount` is in token base units (integer string), see events.ts. */
interface RequestCommandData {
  requestId: string;
  assetId: string;
  chainId: number;
  amount: string;
  /** The purchase (mint) or sale (redemption) of the underlying shares behind the request, when the desk knows it. */
  tradeId?: string;
  /** When the participant made the request (business time), if not now: a request keyed in later keeps its own time. */
  requestedAt?: string;
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
