import { createHash } from 'node:crypto';
import { sleep } from '../../common/scheduling';
import { AuthFailedError, RetryableProviderError } from '../spi';
import type { SimCallKind, SimParameters } from './sim.descriptor';

/** Sleeps; replaceable so unit tests of fault rates need not wait. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = sleep;

/**
 * The faults a sim credential asks for: latency on every call, transient failures per call kind,
 * a revoked account. Quota and unhealthy host groups act on state, in the provider.
 */
export class SimFaults {
  constructor(
    private readonly parameters: SimParameters,
    private readonly random: () => number = Math.random,
    private readonly sleep: Sleep = realSleep,
  ) {}

  /** One call's latency: the mean plus uniform jitter, never negative. */
  latencyMs(): number {
    const mean = this.parameters.latencyMs ?? 0;
    const jitter = this.parameters.latencyJitterMs ?? 0;
    return Math.max(0, mean + (this.random() * 2 - 1) * jitter);
  }

  /** How long a node takes from launch to RUNNING: two calls' worth of latency. */
  bootMs(): number {
    return Math.round(2 * this.latencyMs());
  }

  checkCredential(): void {
    if (this.parameters.rejectCredential) throw new AuthFailedError('the simulated account rejects this credential', 'HTTP 401: credential revoked');
  }

  /** Every call: a revoked account fails at once, otherwise the call takes its latency. */
  async enter(): Promise<void> {
    this.checkCredential();
    await this.sleep(this.latencyMs());
  }

  /** Whether this call of `kind` hits a transient failure. */
  transient(kind: SimCallKind): boolean {
    const rate = this.parameters.transientFailureRate?.[kind] ?? 0;
    return rate > 0 && this.random() < rate;
  }

  isUnhealthy(hostGroup: string, index: number): boolean {
    return (this.parameters.unhealthyHostGroups?.includes(hostGroup) ?? false) || (this.parameters.unhealthyNodes?.includes(`${hostGroup}-${index}`) ?? false);
  }
}

export function transientError(kind: SimCallKind): RetryableProviderError {
  return new RetryableProviderError(`simulated transient failure during ${kind}`, 'HTTP 503: service temporarily unavailable');
}

/** The account a credential's nodes count against: the tenant, and the access token when there is one. */
export function simAccount(tenantId: string, parameters: SimParameters): string {
  if (!parameters.accessToken) return tenantId;
  return `${tenantId}:${createHash('sha256').update(parameters.accessToken).digest('hex').slice(0, 16)}`;
}
