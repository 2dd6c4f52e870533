import { describe, expect, it } from 'vitest';
import { AuthFailedError, RetryableProviderError } from '../spi';
import { simAccount, SimFaults, transientError } from './sim.faults';

const noSleep = async () => undefined;

function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

describe('SimFaults', () => {
  it('adds the mean latency with uniform jitter on both sides, never below zero', () => {
    expect(new SimFaults({ latencyMs: 100, latencyJitterMs: 20 }, sequence(0)).latencyMs()).toBe(80);
    expect(new SimFaults({ latencyMs: 100, latencyJitterMs: 20 }, sequence(0.5)).latencyMs()).toBe(100);
    expect(new SimFaults({ latencyMs: 100, latencyJitterMs: 20 }, sequence(1)).latencyMs()).toBe(120);
    expect(new SimFaults({ latencyMs: 5, latencyJitterMs: 50 }, sequence(0)).latencyMs()).toBe(0);
    expect(new SimFaults({}, sequence(0.9)).latencyMs()).toBe(0);
  });

  it('boots a node in two calls worth of latency', () => {
    expect(new SimFaults({ latencyMs: 30 }, sequence(0.5)).bootMs()).toBe(60);
  });

  it('sleeps each call for its latency', async () => {
    const slept: number[] = [];
    await new SimFaults({ latencyMs: 40 }, sequence(0.5), async (ms) => void slept.push(ms)).enter();
    expect(slept).toEqual([40]);
  });

  it('fails a call kind at its own rate only', () => {
    const faults = new SimFaults({ transientFailureRate: { launch: 0.3 } }, sequence(0.29, 0.31));
    expect(faults.transient('launch')).toBe(true);
    expect(faults.transient('launch')).toBe(false);
    expect(faults.transient('describe')).toBe(false);
  });

  it('classifies transient failures as retryable', () => {
    const error = transientError('launch');
    expect(error).toBeInstanceOf(RetryableProviderError);
    expect(error.retryable).toBe(true);
  });

  it('fails every call of a rejected credential with AuthFailedError before any latency', async () => {
    const slept: number[] = [];
    const faults = new SimFaults({ rejectCredential: true, latencyMs: 10 }, Math.random, async (ms) => void slept.push(ms));
    await expect(faults.enter()).rejects.toBeInstanceOf(AuthFailedError);
    expect(slept).toEqual([]);
  });

  it('knows unhealthy host groups and single unhealthy nodes', () => {
    const faults = new SimFaults({ unhealthyHostGroups: ['worker'], unhealthyNodes: ['edge-2'] }, Math.random, noSleep);
    expect(faults.isUnhealthy('worker', 0)).toBe(true);
    expect(faults.isUnhealthy('master', 0)).toBe(false);
    expect(faults.isUnhealthy('edge', 2)).toBe(true);
    expect(faults.isUnhealthy('edge', 1)).toBe(false);
  });

  it('counts quota per tenant, and per access token when there is one, without storing the token', () => {
    expect(simAccount('t1', {})).toBe('t1');
    const withToken = simAccount('t1', { accessToken: 'secret-token' });
    expect(withToken).toMatch(/^t1:[0-9a-f]{16}$/);
    expect(withToken).not.toContain('secret-token');
    expect(simAccount('t1', { accessToken: 'other' })).not.toBe(withToken);
  });
});
