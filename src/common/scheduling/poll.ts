/** A pause of `ms` (none for zero or less). */
export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

export interface PollOptions {
  /** Epoch milliseconds after which no further reading is taken. */
  deadline: number;
  /** The first pause between two readings. */
  intervalMs: number;
  /** Pauses double up to this; without it they stay `intervalMs`. */
  maxIntervalMs?: number;
}

/** How a poll ended: the last reading, and whether it was the one waited for. */
export interface PollResult<T> {
  value: T;
  done: boolean;
}

/**
 * Reads until `done` holds or the deadline passes, pausing between readings. The caller says what
 * a timeout means, with the last reading in hand.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, options: PollOptions): Promise<PollResult<T>> {
  let pause = options.intervalMs;
  for (;;) {
    const value = await read();
    if (done(value)) return { value, done: true };
    if (Date.now() + pause > options.deadline) return { value, done: false };
    await sleep(pause);
    pause = Math.min(options.maxIntervalMs ?? options.intervalMs, pause * 2);
  }
}
