import { describe, expect, it } from 'vitest';
import { FatalProviderError, type ProviderConnection, RetryableProviderError } from '../spi';
import { observedConnection, type ProviderCall } from './provider-call-observer';

class FakeConnection {
  readonly session = { token: 't' };
  calls = 0;
  async verify() {
    this.calls++;
    return { ok: true, message: `reached with ${this.session.token}` };
  }
  async prerequisites() {
    return [];
  }
  async describe(): Promise<never> {
    throw new RetryableProviderError('backend busy');
  }
  async apply(): Promise<never> {
    throw new FatalProviderError('image missing');
  }
  async teardown() {}
}

describe('observedConnection', () => {
  const observe = (connection: object) => {
    const seen: ProviderCall[] = [];
    return { seen, observed: observedConnection(connection as ProviderConnection, 'fake/default', [{ providerCallEnded: (call) => seen.push(call) }]) };
  };

  it('reports each call with its outcome, keeping the adapter\'s own `this` and members', async () => {
    const raw = new FakeConnection();
    const { seen, observed } = observe(raw);
    expect(await observed.verify()).toEqual({ ok: true, message: 'reached with t' });
    await expect(observed.describe({} as never)).rejects.toThrow('backend busy');
    await expect(observed.apply({} as never, { launch: [], terminate: [] }, { resourceCreated: async () => {} })).rejects.toThrow('image missing');
    expect(raw.calls).toBe(1);
    expect((observed as unknown as FakeConnection).session).toBe(raw.session);
    expect(seen.map(({ call, outcome }) => `${call} ${outcome}`)).toEqual(['verify ok', 'describe retryable', 'apply fatal']);
    expect(seen.every((call) => call.provider === 'fake/default' && call.seconds >= 0)).toBe(true);
  });

  it('leaves absent facets absent and names the calls of present ones', async () => {
    expect(observe(new FakeConnection()).observed.power).toBeUndefined();
    const withPower = Object.assign(new FakeConnection(), { power: { stop: async () => {}, start: async () => {} } });
    const { seen, observed } = observe(withPower);
    expect(typeof observed.power?.start).toBe('function');
    await observed.power!.stop({} as never, []);
    expect(seen.map((call) => call.call)).toEqual(['power.stop']);
  });
});
