import { BatchCoalescer } from './batch-coalescer';

/** A write that records what it was given and waits until released. */
function gatedWrites() {
  const calls: string[][] = [];
  const releases: Array<(fail?: Error) => void> = [];
  const write = (batches: string[]): Promise<string[]> => {
    calls.push(batches);
    return new Promise((resolve, reject) => releases.push((fail) => (fail ? reject(fail) : resolve(batches.map((b) => `done ${b}`)))));
  };
  return { calls, releases, write };
}

/** A few turns of the event loop: a write starts at the end of the turn after the previous one settles. */
const tick = async () => {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
};

describe('BatchCoalescer', () => {
  it('writes the first batch at the end of its turn, and the batches that arrive meanwhile together, up to the size limit', async () => {
    const { calls, releases, write } = gatedWrites();
    const coalescer = new BatchCoalescer(write, 10);
    const first = coalescer.submit('a', 4);
    await tick();
    expect(calls).toEqual([['a']]);
    const rest = [coalescer.submit('b', 4), coalescer.submit('c', 5), coalescer.submit('d', 2)];
    releases[0]!();
    await expect(first).resolves.toBe('done a');
    await tick();
    expect(calls[1]).toEqual(['b', 'c']); // d would make 9 + 2 > 10
    releases[1]!();
    await tick();
    expect(calls[2]).toEqual(['d']);
    releases[2]!();
    await expect(Promise.all(rest)).resolves.toEqual(['done b', 'done c', 'done d']);
  });

  it('writes the batches submitted in one turn of the event loop together (one per partition of a fetch)', async () => {
    const { calls, releases, write } = gatedWrites();
    const coalescer = new BatchCoalescer(write, 10);
    const sameTurn = [coalescer.submit('p0', 3), coalescer.submit('p1', 3), coalescer.submit('p2', 3)];
    await tick();
    expect(calls).toEqual([['p0', 'p1', 'p2']]);
    releases[0]!();
    await expect(Promise.all(sameTurn)).resolves.toEqual(['done p0', 'done p1', 'done p2']);
  });

  it('writes a batch larger than the limit alone', async () => {
    const { calls, releases, write } = gatedWrites();
    const coalescer = new BatchCoalescer(write, 10);
    const big = coalescer.submit('big', 25);
    const small = coalescer.submit('small', 1);
    await tick();
    expect(calls).toEqual([['big']]);
    releases[0]!();
    await tick();
    releases[1]!();
    await expect(Promise.all([big, small])).resolves.toEqual(['done big', 'done small']);
    expect(calls).toEqual([['big'], ['small']]);
  });

  it('fails every batch of a failed write and goes on with the next', async () => {
    const { calls, releases, write } = gatedWrites();
    const coalescer = new BatchCoalescer(write, 10);
    const a = coalescer.submit('a', 1);
    await tick();
    const together = [coalescer.submit('b', 1), coalescer.submit('c', 1)];
    releases[0]!();
    await expect(a).resolves.toBe('done a');
    await tick();
    expect(calls[1]).toEqual(['b', 'c']);
    releases[1]!(new Error('database down'));
    await expect(together[0]).rejects.toThrow('database down');
    await expect(together[1]).rejects.toThrow('database down');
    const later = coalescer.submit('d', 1);
    await tick();
    releases[2]!();
    await expect(later).resolves.toBe('done d');
  });
});
