import { DomainEvent } from '../shared/event';

/**
 * Amounts in issuance are token BASE UNITS: a non-negative integer string (uint256), exactly as the
 * chain reports them. Requests use the same unit as the chain events that fulfil them, so matching
 * is exact integer arithmetic with no need to know the token's decimals inside this aggregate;
 * converting "10.5 tokens" to base units is the edge's job (it knows the deployment's decimals).
 */
interface RequestData {
  requestId: string;
  assetId: string;
  chainId: number;
  amount: string;
  /** Business time of the request: the time given with it, else when it was recorded. */
  requestedAt: string;
  /** The trade buying (mint) or selling (redemption) the shares behind it: matching pairs them by it. */
  tradeId?: string;
}

/** A Transfer from (mint) or to (burn) the zero address, identified by chain + tx hash + log index. */
export interface ChainTransferData {
  requestId: string;
  assetId: string;
  chainId: number;
  /** Lower-case 0x hash. */
  txHash: string;
  logIndex: number;
  amount: string;
  blockNumber: number;
  /** The block's timestamp: business time of the mint or burn. */
  blockTime: string;
}

export type MintRequested = DomainEvent<'MintRequested', RequestData>;
export type MintedOnChain = DomainEvent<'MintedOnChain', ChainTransferData>;
export type RedemptionRequested = DomainEvent<'RedemptionRequested', RequestData>;
export type BurnedOnChain = DomainEvent<'BurnedOnChain', ChainTransferData>;

export type IssuanceEvent = MintRequested | MintedOnChain | RedemptionRequested | BurnedOnChain;

export const ISSUANCE_EVENT_TYPES = ['MintRequested', 'MintedOnChain', 'RedemptionRequested', 'BurnedOnChain'] as const satisfies readonly IssuanceEvent['type'][];
