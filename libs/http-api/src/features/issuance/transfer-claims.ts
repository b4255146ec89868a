import { aggregateCommandHandler, AggregateCommandMessage, commandMetadata, RequestContext } from '@recon/command-execution';
import { TransferClaimCommand, transferClaimDecider, transferClaimStream } from '@recon/domain';

export class ExecuteTransferClaim extends AggregateCommandMessage<TransferClaimCommand> {}
export const TransferClaimHandler = aggregateCommandHandler(ExecuteTransferClaim, transferClaimDecider, (command) => transferClaimStream(command.data.chainId, command.data.txHash, command.data.logIndex));

export interface TransferRef {
  readonly chainId: number;
  readonly txHash: string;
  readonly logIndex: number;
}

/** The claim is its own stream: the caller's If-Match names the request's revision, not the claim's. */
const forClaim = ({ expectedVersion: _request, ...context }: RequestContext): RequestContext => context;

export const claimMessage = (ref: TransferRef, assetId: string, requestId: string, context: RequestContext): ExecuteTransferClaim =>
  new ExecuteTransferClaim({ type: 'ClaimChainTransfer', data: { ...ref, assetId, requestId }, metadata: commandMetadata(context) }, forClaim(context));

/** A release gets ids of its own under an Idempotency-Key: derived from the same key as the claim, they would read as the claim again. */
export const releaseMessage = (ref: TransferRef, requestId: string, reason: string, context: RequestContext): ExecuteTransferClaim => {
  const { idempotencyKey, ...rest } = forClaim(context);
  return new ExecuteTransferClaim(
    { type: 'ReleaseChainTransfer', data: { ...ref, requestId, reason }, metadata: commandMetadata(context) },
    { ...rest, ...(idempotencyKey === undefined ? {} : { idempotencyKey: `${idempotencyKey}:release` }) },
  );
};
