import { sleep } from '../../common/scheduling';
import { isRetryable, ThrottledError } from '../../providers/spi';

export interface RetryOptions {
  /** Epoch ms after which the last error is thrown instead of waiting again. */
  deadline: number;
  baseMs?: number;
  capMs?: number;
  /** Called before each wait, e.g. to record a warning event. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void | Promise<void>;
  /** Checked before each retry; throws to stop (cancellation). */
  beforeRetry?: () => Promise<void>;
}

/** Exponential back-off with full jitter: a random wait in [0, min(cap, base * 2^attempt)). */
export function backoffDelay(attempt: number, baseMs = 200, capMs = 10_000, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.floor(random() * ceiling);
}

/**
 * The one retry policy of provider calls: retryable errors (SPI `isRetryable`) back off and
 * try again until the deadline; terminal errors are thrown at once.
 */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      const hinted = error instanceof ThrottledError ? error.retryAfterMs : undefined;
      const delay = hinted ?? backoffDelay(attempt, options.baseMs, options.capMs);
      if (Date.now() + delay > options.deadline) throw error;
      await options.onRetry?.(error, attempt + 1, delay);
      await sleep(delay);
      await options.beforeRetry?.();
    }
  }
}

