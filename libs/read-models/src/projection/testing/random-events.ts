import { currentSchemaVersion, randomBatches } from '@recon/domain';
import type { RecordedEvent } from '@recon/event-store';

/** xorshift32: seeded and deterministic, so a failing seed can be replayed. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/**
 * A random stream of the events the projection reads, aimed at its order-sensitive corners: two
 * assets on one ISIN, statements before the registration of their ISIN, COMPLETE and DELTA statements,
 * pages, re-issues on the same date, late older statements, cancellations, mints before the deployment, one
 * log both recorded by hand and observed by the watcher, reverted and named again, totalSupply() readings and reorgs, trades
 * amended, partly settled, failed and cancelled, events the projection ignores, and redelivered copies.
 * Per-stream order holds (a trade's events after its execution, an account's pages in order), as
 * Kafka keys and the store guarantee; everything else interleaves freely.
 */
export function randomProjectionEvents(seed: number, count: number): RecordedEvent[] {
  const next = random(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const decimal = (whole: number, signed = false): string => `${signed && next() < 0.3 ? '-' : ''}${int(0, whole)}.${int(0, 999_999)}`;
  const timestamp = (): string => new Date(Date.UTC(2025, 0, 1) + int(0, 90 * 86_400) * 1000).toISOString();
  const date = (): string => timestamp().slice(0, 10);
  const events: RecordedEvent[] = [];
  let position = 0n;
  const emit = (type: string, data: object): void => {
    position += 1n;
    events.push({
      eventId: `${seed}-${position}`, type, schemaVersion: currentSchemaVersion(type), data, metadata: {},
      streamId: 's', streamVersion: 0, globalPosition: position, recordedAt: timestamp(), hash: '', previousHash: '',
    });
  };

  const isins = ['XS0000000001', 'XS0000000002', 'XS0000000003', 'XS0000000009']; // the last one no asset ever has
  const assets = ['A1', 'A2', 'A3', 'A4', 'A5'].map((assetId, i) => ({ assetId, isin: isins[i % 3]!, registered: false }));
  const trades: Array<{ tradeId: string; assetId: string; side: string }> = [];
  const accounts = [['BANK1', 'ACC0'], ['BANK1', 'ACC1'], ['BANK2', 'SAFE7']] as const;
  const lastStatement = new Map<string, { asOf: string; reference: string }>();
  let n = 0;
  /** Logs already named, so that one is recorded by hand and observed by the watcher, reverted, and named again after its reversal. */
  const logs: Array<{ assetId: string; chainId: number; txHash: string; logIndex: number; direction: 'mint' | 'burn'; amount: string; blockNumber: number; blockHash: string; blockTime: string }> = [];
  const blockHash = (): string => `0x${int(1, 3).toString(16).padStart(64, '0')}`;
  const chainEvent = (assetId: string): void => {
    const kind = next();
    const known = logs.length > 0 && kind < 0.5 ? pick(logs) : undefined;
    const log = known ?? {
      assetId, chainId: pick([1, 10]), txHash: `0x${n.toString(16).padStart(64, '0')}`, logIndex: int(0, 1), direction: next() < 0.7 ? 'mint' as const : 'burn' as const,
      amount: `${int(1, 1_000_000_000)}${int(0, 999_999_999)}`, blockNumber: int(1, 5_000), blockHash: blockHash(), blockTime: timestamp(),
    };
    if (!known) logs.push(log);
    const { blockHash: hash, direction, ...ref } = log;
    const contractAddress = `0x${'1'.padStart(40, '0')}`;
    if (known && kind < 0.15) emit('ChainTransferReverted', { ...ref, contractAddress, direction, blockHash: hash });
    else if (known && kind < 0.2) emit('ChainTransferObserved', { ...ref, contractAddress, direction, blockHash: blockHash() }); // mined again, maybe in another block
    else if (kind > 0.9) emit('TotalSupplyRead', { assetId, chainId: log.chainId, contractAddress, blockNumber: int(1, 5_000), blockHash: blockHash(), blockTime: timestamp(), amount: `${int(0, 999_999_999)}` });
    else if (kind > 0.86) emit('ChainReorgDetected', { assetId, chainId: log.chainId, contractAddress, forkBlockNumber: int(1, 5_000), forkBlockHash: blockHash(), orphanedBlocks: [] });
    else if (next() < 0.5) emit('ChainTransferObserved', { ...ref, contractAddress, direction, blockHash: hash });
    else {
      const { blockNumber, blockTime, ...rest } = ref;
      emit(direction === 'mint' ? 'MintedOnChain' : 'BurnedOnChain', { ...rest, requestId: `R${n}`, blockNumber, blockTime });
    }
  };

  while (events.length < count) {
    n += 1;
    const asset = pick(assets);
    const { assetId } = asset;
    const roll = next();
    if (roll < 0.06 && !asset.registered) {
      asset.registered = true;
      emit('AssetRegistered', { assetId, isin: asset.isin, symbol: assetId, name: `Asset ${assetId}`, initialMultiplier: `1.${int(0, 99)}`, registeredAt: timestamp() });
    } else if (roll < 0.1 && asset.registered) {
      emit('MultiplierChanged', { assetId, oldMultiplier: '1', newMultiplier: `1.${int(100, 999)}`, effectiveAt: timestamp(), reason: 'split' });
    } else if (roll < 0.14) {
      emit('TokenDeployed', { assetId, chainId: pick([1, 10]), contractAddress: `0x${int(1, 3).toString(16).padStart(40, '0')}`, decimals: pick([6, 8, 18]) });
    } else if (roll < 0.3) {
      chainEvent(assetId);
    } else if (roll < 0.42) {
      const trade = { tradeId: `T${n}`, assetId, side: pick(['BUY', 'SELL']) };
      trades.push(trade);
      emit('TradeExecuted', {
        ...trade, quantity: decimal(50_000), price: '10.5', settlementDate: date(), currency: 'USD', tradeDate: date(), broker: 'B', executedAt: timestamp(),
      });
    } else if (roll < 0.6) {
      // A later event of a trade (sometimes of one never executed: the projection ignores it).
      const trade = trades.length > 0 && next() < 0.95 ? pick(trades) : { tradeId: `T-unknown-${n}`, assetId, side: 'BUY' };
      const base = { tradeId: trade.tradeId, assetId: trade.assetId };
      const kind = next();
      if (kind < 0.25) emit('TradeAmended', { ...base, quantity: decimal(50_000), price: '11', settlementDate: date(), reason: 'correction', amendedAt: timestamp() });
      else if (kind < 0.65) {
        emit('TradeSettled', {
          ...base, side: trade.side, confirmationId: `C${n}`, quantity: decimal(100), settledQuantity: decimal(50_000),
          remainingQuantity: next() < 0.4 ? '0' : decimal(50_000), settledAt: timestamp(),
        });
      } else if (kind < 0.85) emit('SettlementFailed', { ...base, failureId: `F${n}`, reason: 'no securities', failedAt: timestamp() });
      else emit('TradeCancelled', { ...base, reason: 'client', cancelledAt: timestamp() });
    } else if (roll < 0.85) {
      const [custodian, account] = pick(accounts);
      const key = `${custodian}/${account}`;
      const last = lastStatement.get(key);
      const reissue = last !== undefined && next() < 0.15;
      const asOf = reissue ? last.asOf : last && next() < 0.2 ? last.asOf.replace(/\d\d$/, '01') : date();
      const reference = next() < 0.25 && last ? last.reference : `S${n}`;
      const lines = [...new Set(Array.from({ length: int(0, 4) }, () => pick(isins)))].sort();
      const completeness = next() < 0.3 ? 'DELTA' : 'COMPLETE';
      const pages = lines.length > 2 && next() < 0.5 ? [lines.slice(0, 2), lines.slice(2)] : [lines];
      pages.forEach((page, p) => emit('StatementReceived', {
        statementId: `${reference}-${n}-${p + 1}`, custodian, account, statementReference: reference, page: p + 1, lastPage: p === pages.length - 1,
        asOf, basis: next() < 0.85 ? 'SETTLED' : 'TRADED', completeness,
        positions: page.map((isin) => ({ isin, quantity: decimal(90_000, completeness === 'DELTA') })), receivedAt: timestamp(),
      }));
      lastStatement.set(key, { asOf, reference });
      // A cancellation (23G CANC) of the statement just received, or of the one before it.
      if (next() < 0.12) {
        const cancelled = next() < 0.7 || !last ? reference : last.reference;
        emit('StatementCancelled', { custodian, account, statementReference: cancelled, pages: [1], cancellationId: `X${n}`, asOf, cancelledAt: timestamp() });
      } else if (pages.length > 1 && next() < 0.2) {
        // A CANC whose PREV named page 1 only: the statement is incomplete again.
        emit('StatementPageCancelled', { custodian, account, statementReference: reference, page: 1, messageReference: `${reference}-${n}-1`, cancellationId: `Y${n}`, asOf, cancelledAt: timestamp() });
      }
    } else if (roll < 0.92 && events.length > 0) {
      events.push(pick(events)); // a redelivered copy: same id, same content
    } else {
      emit('MintRequested', { requestId: `Q${n}`, assetId, chainId: 1, amount: '5', requestedAt: timestamp() });
    }
  }
  return events;
}

/** `events` cut into consecutive batches of random sizes between 1 and `largest`. */
export function randomSplit<T>(events: readonly T[], seed: number, largest: number): T[][] {
  return randomBatches(events, random(seed ^ 0x9e3779b9), largest);
}
