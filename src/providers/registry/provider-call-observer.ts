import { isRetryable, type ProviderConnection } from '../spi';

/** How a provider call ended: answered, failed with an error worth retrying, or failed for good. */
export type ProviderCallOutcome = 'ok' | 'retryable' | 'fatal';

export interface ProviderCall {
  /** `kind/variant`, e.g. `openstack/heat`. */
  provider: string;
  /** The connection's method, e.g. `describe`, `apply`, `power.stop`. */
  call: string;
  outcome: ProviderCallOutcome;
  seconds: number;
}

/** Told of every call herd makes on a provider connection (metrics); must not throw. */
export interface ProviderCallObserver {
  providerCallEnded(call: ProviderCall): void;
}

const CALLS = ['verify', 'prerequisites', 'describe', 'apply', 'operationInProgress', 'teardown'] as const;
const FACET_CALLS = { power: ['stop', 'start'], commands: ['run'] } as const;

/**
 * The connection with every provider call timed and reported to the observers. A proxy, so the
 * facets stay absent where the adapter has none (the capability checks see what the adapter
 * built) and the adapter's own members stay reachable.
 */
export function observedConnection(connection: ProviderConnection, provider: string, observers: readonly ProviderCallObserver[]): ProviderConnection {
  const report = (call: string, outcome: ProviderCallOutcome, started: number) => {
    const seconds = (performance.now() - started) / 1000;
    for (const observer of observers) observer.providerCallEnded({ provider, call, outcome, seconds });
  };
  const timed = (call: string, method: (...args: unknown[]) => Promise<unknown>, target: object) =>
    async (...args: unknown[]): Promise<unknown> => {
      const started = performance.now();
      try {
        const result = await method.apply(target, args);
        report(call, 'ok', started);
        return result;
      } catch (error) {
        report(call, isRetryable(error) ? 'retryable' : 'fatal', started);
        throw error;
      }
    };
  const observe = <T extends object>(target: T, calls: readonly string[], prefix: string, facets: boolean): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof property !== 'string') return value;
        if (typeof value === 'function' && calls.includes(property)) return timed(`${prefix}${property}`, value as (...args: unknown[]) => Promise<unknown>, object);
        if (facets && value && typeof value === 'object' && property in FACET_CALLS) return observe(value, FACET_CALLS[property as keyof typeof FACET_CALLS], `${property}.`, false);
        return value;
      },
    });
  return observe(connection, CALLS, '', true);
}
