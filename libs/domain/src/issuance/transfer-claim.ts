import { Decider, DomainError } from '../shared/decider';
import { DomainCommand, DomainEvent } from '../shared/event';
import * as guard from '../shared/guards';
import { streamName } from '../shared/stream';

/**
 * One on-chain transfer is one event log: (chain id, transaction hash, log index) identifies it
 * (EIP-155 chain ids; a log's position in its transaction's receipt). It can fulfil one request of
 * one asset only: recorded for a second one, the same tokens would be counted twice. The claim
 * stream, one per transfer, is where that is decided, before the request's own stream records it.
 */
export const transferClaimStream = (chainId: number, txHash: string, logIndex: number): string =>
  streamName('chain-transfer', String(chainId), txHash.toLowerCase(), String(logIndex));

export type ChainTransferClaimed = DomainEvent<'ChainTransferClaimed', {
  chainId: number;
  txHash: string;
  logIndex: number;
  assetId: string;
  requestId: string;
  claimedAt: string;
}>;

/** The request that claimed the transfer did not record it after all (its own stream refused it): the transfer is free again. */
export type ChainTransferReleased = DomainEvent<'ChainTransferReleased', { chainId: number; txHash: string; logIndex: number; assetId: string; requestId: string; reason: string; releasedAt: string }>;

interface TransferRef { chainId: number; txHash: string; logIndex: number }

/** Sent before a mint or burn is recorded for a request: the request's asset comes with it. */
export type ClaimChainTransfer = DomainCommand<'ClaimChainTransfer', TransferRef & { assetId: string; requestId: string }>;
/** Sent when the request's own stream refused the transfer after the claim: only the claiming request may release it. */
export type ReleaseChainTransfer = DomainCommand<'ReleaseChainTransfer', TransferRef & { requestId: string; reason: string }>;
export type TransferClaimCommand = ClaimChainTransfer | ReleaseChainTransfer;

export type TransferClaimEvent = ChainTransferClaimed | ChainTransferReleased;
export const TRANSFER_CLAIM_EVENT_TYPES = ['ChainTransferClaimed', 'ChainTransferReleased'] as const satisfies readonly TransferClaimEvent['type'][];

export type TransferClaimState = { readonly claimed?: { readonly assetId: string; readonly requestId: string } };

function release({ data, metadata }: ReleaseChainTransfer, state: TransferClaimState): TransferClaimEvent[] {
  const { claimed } = state;
  if (claimed?.requestId !== data.requestId) return []; // not (or no longer) this request's claim: nothing to release
  const { chainId, txHash, logIndex, requestId } = data;
  // The asset rides along on every event of the claim, so the relay keeps the stream on one partition.
  return [{ type: 'ChainTransferReleased', data: { chainId, txHash, logIndex, assetId: claimed.assetId, requestId, reason: guard.nonEmpty(data.reason, 'reason'), releasedAt: metadata.now } }];
}

function claim({ data, metadata }: ClaimChainTransfer, state: TransferClaimState): TransferClaimEvent[] {
  const assetId = guard.nonEmpty(data.assetId, 'assetId');
  const requestId = guard.nonEmpty(data.requestId, 'requestId');
  const { claimed } = state;
  if (claimed) {
    if (claimed.assetId === assetId && claimed.requestId === requestId) return []; // a retry of the same record
    throw new DomainError('TRANSFER_ALREADY_RECORDED',
      `transfer ${data.txHash}:${data.logIndex} on chain ${data.chainId} is already recorded for asset ${claimed.assetId} (request ${claimed.requestId})`);
  }
  return [{
    type: 'ChainTransferClaimed',
    data: {
      chainId: guard.positiveInteger(data.chainId, 'chainId'), txHash: guard.txHash(data.txHash), logIndex: guard.nonNegativeInteger(data.logIndex, 'logIndex'),
      assetId, requestId, claimedAt: metadata.now,
    },
  }];
}

const decide = (command: TransferClaimCommand, state: TransferClaimState): TransferClaimEvent[] =>
  (command.type === 'ClaimChainTransfer' ? claim(command, state) : release(command, state));

const evolve = (_state: TransferClaimState, event: TransferClaimEvent): TransferClaimState =>
  (event.type === 'ChainTransferClaimed' ? { claimed: { assetId: event.data.assetId, requestId: event.data.requestId } } : {});

export const transferClaimDecider: Decider<TransferClaimCommand, TransferClaimEvent, TransferClaimState> = { decide, evolve, initialState: () => ({}) };
