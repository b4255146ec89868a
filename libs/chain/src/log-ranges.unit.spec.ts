import { isRangeRefusal, LogRangeSize, RangeRefusedError, suggestedRange } from './log-ranges';
import { isTransient } from './retry';
import { viem } from './viem';

const rpcError = (code: number, message: string) => new viem.RpcRequestError({ body: {}, url: 'http://node', error: { code, message } });

describe('eth_getLogs range refusals', () => {
  it.each([
    [-32005, 'query returned more than 10000 results'],
    [-32602, 'Query returned more than 10000 results. Try with this block range [0x118dc91, 0x1198cc3].'],
    [-32602, 'range 1000000 exceeds limit of 10000'],
    [-32602, 'range 9009594 is bigger than range limit 2000'],
    [-32600, 'Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response. Based on your parameters, this block range should work: [0x1, 0x7cf]'],
    [-32000, 'block range is too wide'],
    [-32000, 'exceed maximum block range: 50000'],
    [-32614, 'eth_getLogs is limited to a 10,000 range'],
  ])('should take %s "%s" for a refused range, not a transient fault', (code, message) => {
    const error = rpcError(code, message);
    expect(isRangeRefusal(error)).toBe(true);
    expect(isTransient(error)).toBe(false);
  });

  it('should not take rate limiting or a reverted call for a refused range', () => {
    expect(isRangeRefusal(rpcError(-32005, 'rate limit exceeded'))).toBe(false);
    expect(isTransient(rpcError(-32005, 'rate limit exceeded'))).toBe(true);
    expect(isRangeRefusal(rpcError(3, 'execution reverted'))).toBe(false);
  });

  it('should read the range a provider suggests', () => {
    expect(suggestedRange('Try with this block range [0x118dc91, 0x1198cc3].')).toEqual({ from: 0x118dc91, to: 0x1198cc3 });
    expect(suggestedRange('block range is too wide')).toBeUndefined();
  });
});

describe('LogRangeSize', () => {
  const refusal = (from: number, to: number, suggestedTo?: number) => new RangeRefusedError(from, to, suggestedTo, { cause: new Error('block range is too wide') });

  it('should halve on a refusal, take a suggestion, and double while sparse up to its maximum', () => {
    const size = new LogRangeSize({ initial: 2_000, max: 10_000, sparseLogs: 1_000 });
    size.answered(2_000, 10);
    expect(size.blocks).toBe(4_000);
    size.answered(4_000, 5_000); // dense: stays
    expect(size.blocks).toBe(4_000);
    size.answered(1_000, 0); // a short range (the last before the head) says nothing
    expect(size.blocks).toBe(4_000);
    for (let i = 0; i < 5; i++) size.answered(size.blocks, 0);
    expect(size.blocks).toBe(10_000);
    size.refused(refusal(100, 10_099));
    expect(size.blocks).toBe(5_000);
    size.refused(refusal(100, 5_099, 100 + 1_233));
    expect(size.blocks).toBe(1_234);
  });

  it('should give up when a single block is refused', () => {
    const size = new LogRangeSize({ initial: 1, max: 10, sparseLogs: 1 });
    expect(() => size.refused(refusal(7, 7))).toThrow(/even a single block is refused/);
  });
});
