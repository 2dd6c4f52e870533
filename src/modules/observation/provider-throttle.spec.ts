import { describe, expect, it } from 'vitest';
import type { HerdConfig } from '../../config/config';
import { ProviderThrottle } from './provider-throttle';

describe('ProviderThrottle', () => {
  it('runs at most the configured number of calls at once per provider, and other providers apart', async () => {
    const throttle = new ProviderThrottle({ operations: { providerConcurrency: 3 } } as HerdConfig);
    let running = 0;
    let peak = 0;
    const call = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    };
    let otherStarted = false;
    const busy = Array.from({ length: 12 }, () => throttle.run('sim/default', call));
    const other = throttle.run('docker/default', async () => {
      otherStarted = true;
    });
    await other;
    expect(otherStarted).toBe(true);
    await Promise.all(busy);
    expect(peak).toBe(3);
  });

  it('frees the slot of a call that throws', async () => {
    const throttle = new ProviderThrottle({ operations: { providerConcurrency: 1 } } as HerdConfig);
    await expect(throttle.run('sim/default', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(throttle.run('sim/default', async () => 'next')).resolves.toBe('next');
  });
});
