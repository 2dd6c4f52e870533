/** How long herd waits for Redis on a request's path before going on without it. */
export const REDIS_ANSWER_MS = 2000;

/** Redis did not answer in time: it is down, restarting or overloaded. */
export class RedisUnavailable extends Error {
  constructor(what: string, ms: number) {
    super(`Redis did not answer ${what} within ${ms} ms`);
    this.name = 'RedisUnavailable';
  }
}

/**
 * The answer of a Redis call, or RedisUnavailable once `ms` have passed. herd's connections queue
 * commands while Redis is away (BullMQ needs them to), so without a bound a request would hang
 * for the whole outage; the command itself may still run once Redis is back.
 */
export async function withinRedisDeadline<T>(call: Promise<T>, what: string, ms = REDIS_ANSWER_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new RedisUnavailable(what, ms)), ms)));
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
