import { ReadAllOptions, RecordedEvent } from '../port';
import { chainHash, GENESIS_HASH } from './hash';
import { ChainHead, ChainSource, verifyChain } from './verify-chain';

/** An in-memory chain: rows can be tampered with directly, like SQL would. */
class MemoryChain implements ChainSource {
  rows: RecordedEvent[] = [];
  head: ChainHead = { position: 0n, hash: GENESIS_HASH };

  append(streamId: string, n: number): void {
    for (let i = 0; i < n; i++) {
      const version = this.rows.filter((r) => r.streamId === streamId).length;
      const fields = {
        streamId,
        streamVersion: version,
        globalPosition: this.head.position + 1n,
        eventId: `${streamId}-${version}`,
        type: 'T',
        schemaVersion: 1,
        data: { i },
        metadata: {},
        recordedAt: '2024-01-01T00:00:00.000Z',
      };
      const hash = chainHash(this.head.hash, fields);
      this.rows.push({ ...fields, previousHash: this.head.hash, hash });
      this.head = { position: fields.globalPosition, hash, eventId: fields.eventId, streamId, streamVersion: version };
    }
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const sorted = [...this.rows].sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : 1));
    return sorted.filter((r) => r.globalPosition > (options.after ?? 0n)).slice(0, options.maxCount ?? Infinity);
  }

  async chainHead(): Promise<ChainHead> {
    return this.head;
  }

  async findByHash(hash: string): Promise<RecordedEvent | undefined> {
    return this.rows.find((r) => r.hash === hash);
  }

  at(position: bigint): RecordedEvent {
    return this.rows.find((r) => r.globalPosition === position)!;
  }

  replace(position: bigint, change: Partial<RecordedEvent>): void {
    this.rows = this.rows.map((r) => (r.globalPosition === position ? { ...r, ...change } : r));
  }
}

function sample(): MemoryChain {
  const chain = new MemoryChain();
  chain.append('asset-1', 2);
  chain.append('trade-1', 3);
  chain.append('asset-1', 2);
  chain.append('trade-1', 1);
  return chain; // 8 events; asset-1 at 1,2,6,7; trade-1 at 3,4,5,8
}

describe('verifyChain (in memory)', () => {
  it('accepts an intact chain and reports the head', async () => {
    const chain = sample();
    await expect(verifyChain(chain)).resolves.toEqual({ ok: true, checked: 8, head: chain.head });
  });

  it('names an altered event', async () => {
    const chain = sample();
    chain.replace(4n, { data: { i: 99 } });
    const result = await verifyChain(chain);
    expect(result).toMatchObject({ ok: false, firstBroken: { reason: 'altered', globalPosition: 4n, eventId: 'trade-1-1' } });
  });

  it('names an event that was altered together with its hash', async () => {
    const chain = sample();
    const row = chain.at(4n);
    const data = { i: 42 };
    chain.replace(4n, { data, hash: chainHash(row.previousHash, { ...row, data }) });
    const result = await verifyChain(chain);
    expect(result).toMatchObject({ ok: false, firstBroken: { reason: 'altered', globalPosition: 4n, eventId: 'trade-1-1' } });
  });

  it('names a deleted middle event by stream and version', async () => {
    const chain = sample();
    chain.rows = chain.rows.filter((r) => r.globalPosition !== 4n);
    const result = await verifyChain(chain);
    expect(result).toMatchObject({
      ok: false,
      firstBroken: { reason: 'deleted', globalPosition: 4n, streamId: 'trade-1', streamVersion: 1, nextEvent: { globalPosition: 5n } },
    });
  });

  it('names a deleted last event through the chain head', async () => {
    const chain = sample();
    chain.rows = chain.rows.filter((r) => r.globalPosition !== 8n);
    const result = await verifyChain(chain);
    expect(result).toMatchObject({ ok: false, firstBroken: { reason: 'deleted', globalPosition: 8n, eventId: 'trade-1-3', streamVersion: 3 } });
  });

  it.each([
    [3n, 6n],
    [4n, 5n],
  ])('names an event moved from %s to %s', async (p, q) => {
    const chain = sample();
    const moved = chain.at(q);
    chain.rows = chain.rows.map((r) => (r.globalPosition === p ? { ...r, globalPosition: q } : r.globalPosition === q ? { ...r, globalPosition: p } : r));
    const result = await verifyChain(chain);
    expect(result).toMatchObject({ ok: false, firstBroken: { reason: 'reordered', globalPosition: p, eventId: moved.eventId, originalPosition: q } });
  });

  it('verifies a range, trusting the first event of the range as anchor', async () => {
    const chain = sample();
    chain.replace(2n, { data: { i: 7 } });
    await expect(verifyChain(chain, 3n, 6n)).resolves.toMatchObject({ ok: true, checked: 4 });
    await expect(verifyChain(chain, 1n, 6n)).resolves.toMatchObject({ ok: false, firstBroken: { globalPosition: 2n } });
  });
});
