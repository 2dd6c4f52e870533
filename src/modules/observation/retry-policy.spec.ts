import { describe, expect, it } from 'vitest';
import { FatalProviderError, RetryableProviderError } from '../../providers/spi';
import { backoffDelay, withRetry } from './retry-policy';

describe('retry policy', () => {
  it('grows the back-off ceiling exponentially up to the cap, with jitter below it', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0.999)).toBe(99);
    expect(backoffDelay(3, 100, 10_000, () => 0.999)).toBe(799);
    expect(backoffDelay(30, 100, 10_000, () => 0.999)).toBe(9990);
    expect(backoffDelay(3, 100, 10_000, () => 0)).toBe(0);
  });

  it('retries retryable errors until the call succeeds', async () => {
    let calls = 0;
    const result = await withRetry(
      async () => {
        if (++calls < 4) throw new RetryableProviderError('busy');
        return 'done';
      },
      { deadline: Date.now() + 5_000, baseMs: 1, capMs: 2 },
    );
    expect(result).toBe('done');
    expect(calls).toBe(4);
  });

  it('throws a terminal error at once', async () => {
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw new FatalProviderError('no such image');
      },
      { deadline: Date.now() + 5_000, baseMs: 1 },
    );
    await expect(failing).rejects.toThrow('no such image');
    expect(calls).toBe(1);
  });

  it('gives up on a retryable error once the deadline would pass', async () => {
    const failing = withRetry(async () => Promise.reject(new RetryableProviderError('still busy')), { deadline: Date.now() + 30, baseMs: 20, capMs: 20 });
    await expect(failing).rejects.toThrow('still busy');
  });
});
