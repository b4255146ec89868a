import { sameContent } from '../shared/canonical';
import { assertNever, Decider, DomainError } from '../shared/decider';
import * as guard from '../shared/guards';
import { instantMs, isoOf } from '../matching/time';
import { IssuanceCommand, RecordBurnOnChain, RecordMintOnChain, RequestMint, RequestRedemption } from './commands';
import { ChainTransferData, IssuanceEvent, MintRequested } from './events';

type Kind = 'mint' | 'redemption';

export type IssuanceState =
  | { readonly status: 'None' }
  | {
      /** Fulfilled once the chain events add up to the requested amount exactly. */
      readonly status: 'Pending' | 'Fulfilled';
      readonly kind: Kind;
      readonly request: MintRequested['data'];
      readonly requested: bigint;
      readonly fulfilled: bigint;
      /** `<chainId>:<txHash>:<logIndex>` of chain events already applied: the watcher re-scans blocks. */
      readonly chainLogs: ReadonlySet<string>;
    };

const logKey = (chainId: number, txHash: string, logIndex: number) => `${chainId}:${txHash}:${logIndex}`;

/** A business time given with a request: an instant, not after the request is recorded, kept in UTC so a retry compares equal. */
function businessTime(requestedAt: string | undefined, now: string): string {
  if (requestedAt === undefined) return now;
  const atMs = instantMs(requestedAt, 'requestedAt');
  if (atMs > instantMs(now, 'now')) throw new DomainError('INVALID_FIELD', `requestedAt: ${requestedAt} is after the request is recorded (${now})`);
  return isoOf(atMs);
}

function request(kind: Kind, { data, metadata }: RequestMint | RequestRedemption, state: IssuanceState): IssuanceEvent[] {
  const requested: MintRequested['data'] = {
    requestId: guard.nonEmpty(data.requestId, 'requestId'),
    assetId: guard.nonEmpty(data.assetId, 'assetId'),
    chainId: guard.positiveInteger(data.chainId, 'chainId'),
    amount: guard.tokenUnits(data.amount, 'amount').toString(),
    requestedAt: businessTime(data.requestedAt, metadata.now),
    ...(data.tradeId === undefined ? {} : { tradeId: guard.nonEmpty(data.tradeId, 'tradeId') }),
  };
  if (state.status !== 'None') {
    // A retry is the same request; without a business time of its own, its recording time differs.
    const ignored: (keyof MintRequested['data'])[] = data.requestedAt === undefined ? ['requestedAt'] : [];
    if (state.kind === kind && sameContent(state.request, requested, ignored)) return [];
    throw new DomainError('REQUEST_ALREADY_EXISTS', `request ${data.requestId} already exists with different details`);
  }
  return [{ type: kind === 'mint' ? 'MintRequested' : 'RedemptionRequested', data: requested }];
}

/**
 * A chain event that does not fit the request (other chain, other direction, more than remains) is
 * refused rather than recorded here: attaching it would make the request look fulfilled. It stays an
 * unmatched mint or burn on the chain stream, which the reconciler raises as a break.
 */
function recordOnChain(kind: Kind, { data }: RecordMintOnChain | RecordBurnOnChain, state: IssuanceState): IssuanceEvent[] {
  if (state.status === 'None') throw new DomainError('REQUEST_NOT_FOUND', `request ${data.requestId} does not exist`);
  const chainId = guard.positiveInteger(data.chainId, 'chainId');
  const txHash = guard.txHash(data.txHash);
  const logIndex = guard.nonNegativeInteger(data.logIndex, 'logIndex');
  if (state.chainLogs.has(logKey(chainId, txHash, logIndex))) return [];
  if (state.kind !== kind) throw new DomainError('WRONG_DIRECTION', `request ${data.requestId} is a ${state.kind}, not a ${kind}`);
  if (chainId !== state.request.chainId) throw new DomainError('CHAIN_MISMATCH', `request ${data.requestId} is for chain ${state.request.chainId}, not ${chainId}`);
  const amount = guard.tokenUnits(data.amount, 'amount');
  const remaining = state.requested - state.fulfilled;
  if (amount > remaining) throw new DomainError('EXCEEDS_REQUEST', `request ${data.requestId}: ${amount} base units exceed the ${remaining} remaining`);
  const transfer: ChainTransferData = {
    requestId: state.request.requestId,
    assetId: state.request.assetId,
    chainId,
    txHash,
    logIndex,
    amount: amount.toString(),
    blockNumber: guard.nonNegativeInteger(data.blockNumber, 'blockNumber'),
    blockTime: guard.timestamp(data.blockTime, 'blockTime'),
  };
  return [{ type: kind === 'mint' ? 'MintedOnChain' : 'BurnedOnChain', data: transfer }];
}

function decide(command: IssuanceCommand, state: IssuanceState): IssuanceEvent[] {
  switch (command.type) {
    case 'RequestMint':
      return request('mint', command, state);
    case 'RecordMintOnChain':
      return recordOnChain('mint', command, state);
    case 'RequestRedemption':
      return request('redemption', command, state);
    case 'RecordBurnOnChain':
      return recordOnChain('redemption', command, state);
    default:
      return assertNever(command);
  }
}

function evolve(state: IssuanceState, event: IssuanceEvent): IssuanceState {
  switch (event.type) {
    case 'MintRequested':
    case 'RedemptionRequested': {
      const kind = event.type === 'MintRequested' ? 'mint' : 'redemption';
      return { status: 'Pending', kind, request: event.data, requested: BigInt(event.data.amount), fulfilled: 0n, chainLogs: new Set() };
    }
    case 'MintedOnChain':
    case 'BurnedOnChain': {
      if (state.status === 'None') return state;
      const { chainId, txHash, logIndex, amount } = event.data;
      const fulfilled = state.fulfilled + BigInt(amount);
      const status = fulfilled >= state.requested ? 'Fulfilled' : 'Pending';
      return { ...state, status, fulfilled, chainLogs: new Set(state.chainLogs).add(logKey(chainId, txHash, logIndex)) };
    }
    default:
      return assertNever(event);
  }
}

const initialState = (): IssuanceState => ({ status: 'None' });

export const issuanceDecider: Decider<IssuanceCommand, IssuanceEvent, IssuanceState> = { decide, evolve, initialState };
