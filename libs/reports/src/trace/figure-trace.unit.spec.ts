import type { RecordedEvent } from '@recon/event-store';
import { FigureTrace } from './figure-trace';

let position = 0n;
function recorded(type: string, data: Record<string, unknown>): RecordedEvent {
  position += 1n;
  return {
    eventId: `e-${position}`, type, data, schemaVersion: 1, metadata: {},
    streamId: 's', streamVersion: Number(position), globalPosition: position, recordedAt: '2026-03-02T10:00:00Z', hash: 'h', previousHash: 'p',
  } as RecordedEvent;
}

const chain = { assetId: 'bAAPL', chainId: 1, contractAddress: '0xabc', blockNumber: 7, blockHash: '0x01', blockTime: '2026-03-02T09:00:00Z' };
const transfer = { ...chain, direction: 'mint', txHash: '0xtx', logIndex: 0, amount: '1000' };

describe('figure trace', () => {
  it('should trace supply to what the chain watcher observed and reverted, for the asset only', () => {
    const trace = new FigureTrace('bAAPL', 'requiredShares');
    trace.observe(recorded('ChainTransferObserved', transfer));
    trace.observe(recorded('ChainTransferReverted', transfer));
    trace.observe(recorded('ChainMultiplierObserved', { ...chain, multiplier: '1.01' }));
    trace.observe(recorded('ChainTransferObserved', { ...transfer, assetId: 'bCSPX' }));
    expect(trace.events.map((e) => e.type)).toEqual(['ChainTransferObserved', 'ChainTransferReverted', 'ChainMultiplierObserved']);
  });

  it('should leave chain observations out of a figure that custody alone explains', () => {
    const trace = new FigureTrace('bAAPL', 'heldShares');
    trace.observe(recorded('ChainTransferObserved', transfer));
    expect(trace.events).toEqual([]);
  });
});
