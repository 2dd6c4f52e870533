import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultCallbackUrl, InterfaceTable } from './callback-url';

function nic(address: string, internal = false): NetworkInterfaceInfo {
  const family = address.includes(':') ? 'IPv6' : 'IPv4';
  return { address, family, internal, netmask: family === 'IPv4' ? '255.255.255.0' : 'ffff:ffff:ffff:ffff::', mac: '02:00:00:00:00:01', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) } as NetworkInterfaceInfo;
}

const MACHINE: InterfaceTable = {
  lo: [nic('127.0.0.1', true), nic('::1', true)],
  eth0: [nic('fe80::1'), nic('2001:db8::5'), nic('192.0.2.10')],
  eth1: [nic('198.51.100.7')],
};

describe('defaultCallbackUrl', () => {
  it('uses HOST when it is an address nodes can be given', () => {
    expect(defaultCallbackUrl({ HOST: '10.0.0.5', PORT: '9000' }, MACHINE)).toBe('http://10.0.0.5:9000/v1/node-callbacks');
    expect(defaultCallbackUrl({ HOST: 'herd.internal' }, MACHINE)).toBe('http://herd.internal:8080/v1/node-callbacks');
    expect(defaultCallbackUrl({ HOST: '2001:db8::9' }, MACHINE)).toBe('http://[2001:db8::9]:8080/v1/node-callbacks');
    expect(defaultCallbackUrl({}, MACHINE)).toBe('http://127.0.0.1:8080/v1/node-callbacks');
  });

  it('replaces an unspecified HOST by the first non-internal IPv4 address', () => {
    expect(defaultCallbackUrl({ HOST: '0.0.0.0', PORT: '8080' }, MACHINE)).toBe('http://192.0.2.10:8080/v1/node-callbacks');
    expect(defaultCallbackUrl({ HOST: '::' }, MACHINE)).toBe('http://192.0.2.10:8080/v1/node-callbacks');
  });

  it('takes a global IPv6 address when there is no IPv4 one, never a link-local one', () => {
    expect(defaultCallbackUrl({ HOST: '::' }, { lo: MACHINE.lo, eth0: [nic('fe80::1'), nic('2001:db8::5')] })).toBe('http://[2001:db8::5]:8080/v1/node-callbacks');
  });

  it('falls back to loopback on a machine with no external interface', () => {
    expect(defaultCallbackUrl({ HOST: '0.0.0.0' }, { lo: MACHINE.lo })).toBe('http://127.0.0.1:8080/v1/node-callbacks');
  });
});
