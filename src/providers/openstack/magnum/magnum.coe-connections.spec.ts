import { describe, expect, it } from 'vitest';
import type { DockerConnection } from '../../docker/docker.connection';
import { credentialFingerprint } from '../keystone';
import { CoeConnections } from './magnum.coe-connections';

const made = (label: string) => Promise.resolve({ label } as unknown as DockerConnection);

describe('COE connections shared by the connections of one credential', () => {
  it('makes one per credential and Magnum cluster, and a new one when the address or pull policy change', async () => {
    const coes = new CoeConnections();
    const a = credentialFingerprint({ authUrl: 'http://k/v3', username: 'alice', password: 'x' });
    const b = credentialFingerprint({ authUrl: 'http://k/v3', username: 'alice', password: 'y' });
    expect(a).not.toBe(b);
    let calls = 0;
    const make = () => (calls++, made(`#${calls}`));
    const first = await coes.get(a, 'm1', 'tcp://h:2376 never', make);
    expect(await coes.get(a, 'm1', 'tcp://h:2376 never', make)).toBe(first);
    expect(calls).toBe(1);
    await coes.get(b, 'm1', 'tcp://h:2376 never', make);
    await coes.get(a, 'm1', 'tcp://other:2376 never', make);
    expect(calls).toBe(3);
  });

  it('forgets a failed connection and a forgotten one, and drops the least recently used beyond capacity', async () => {
    const coes = new CoeConnections(2);
    let calls = 0;
    const failing = () => (calls++, Promise.reject(new Error('Magnum busy')));
    await expect(coes.get('s', 'm1', 'k', failing)).rejects.toThrow('Magnum busy');
    await expect(coes.get('s', 'm1', 'k', failing)).rejects.toThrow('Magnum busy');
    expect(calls).toBe(2);

    const ok = () => (calls++, made('ok'));
    calls = 0;
    await coes.get('s', 'm1', 'k', ok);
    coes.forget('s', 'm1');
    await coes.get('s', 'm1', 'k', ok);
    await coes.get('s', 'm2', 'k', ok);
    await coes.get('s', 'm1', 'k', ok); // m1 is now the most recent
    await coes.get('s', 'm3', 'k', ok); // evicts m2
    expect(calls).toBe(4);
    await coes.get('s', 'm1', 'k', ok);
    expect(calls).toBe(4);
    await coes.get('s', 'm2', 'k', ok);
    expect(calls).toBe(5);
  });
});
