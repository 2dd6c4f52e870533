import { ProviderError } from '../errors';
import type { ProviderConnection } from '../provider';

/** Thrown by the kit when an adapter lets a non-SPI error escape. */
export class UnclassifiedProviderError extends Error {
  constructor(call: string, cause: unknown) {
    const what = cause instanceof Error ? `${cause.constructor.name}: ${cause.message}` : String(cause);
    super(`${call} threw ${what}; adapters must throw the SPI's ProviderError classes only`, { cause });
    this.name = 'UnclassifiedProviderError';
  }
}

function guard<A extends unknown[], R>(call: string, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      throw new UnclassifiedProviderError(call, error);
    }
  };
}

/** The same connection, but any error that is not a ProviderError fails the test with a clear message. */
export function guardedConnection(connection: ProviderConnection): ProviderConnection {
  const power = connection.power;
  return {
    verify: guard('verify', () => connection.verify()),
    prerequisites: guard('prerequisites', (cluster) => connection.prerequisites(cluster)),
    describe: guard('describe', (cluster) => connection.describe(cluster)),
    apply: guard('apply', (cluster, plan, hooks) => connection.apply(cluster, plan, hooks)),
    teardown: guard('teardown', (cluster) => connection.teardown(cluster)),
    ...(connection.operationInProgress && { operationInProgress: guard('operationInProgress', (cluster) => connection.operationInProgress!(cluster)) }),
    ...(power && {
      power: {
        stop: guard('power.stop', (cluster, nodes) => power.stop(cluster, nodes)),
        start: guard('power.start', (cluster, nodes) => power.start(cluster, nodes)),
      },
    }),
    close: guard('close', async () => connection.close?.()),
  };
}
