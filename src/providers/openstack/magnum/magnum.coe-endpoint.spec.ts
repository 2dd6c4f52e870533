import { describe, expect, it } from 'vitest';
import { FatalProviderError } from '../../spi';
import { coeEndpoint } from './magnum.coe-endpoint';

describe("the COE's Docker endpoint from Magnum's api_address", () => {
  it('reads tcp:// as TLS unless the cluster template disables it', () => {
    expect(coeEndpoint('tcp://172.24.4.6:2376', false)).toEqual({ host: '172.24.4.6', port: 2376, tls: true });
    expect(coeEndpoint('tcp://172.24.4.6:2376', true)).toEqual({ host: '172.24.4.6', port: 2376, tls: false });
  });

  it('takes https:// and http:// at their word, with Docker default ports', () => {
    expect(coeEndpoint('https://swarm.example.org', true)).toEqual({ host: 'swarm.example.org', port: 2376, tls: true });
    expect(coeEndpoint('http://[fd00::5]', false)).toEqual({ host: 'fd00::5', port: 2375, tls: false });
  });

  it('refuses what is no Docker endpoint', () => {
    expect(() => coeEndpoint('not an address', false)).toThrow(FatalProviderError);
    expect(() => coeEndpoint('unix:///var/run/docker.sock', false)).toThrow("Magnum's api_address 'unix:///var/run/docker.sock' is not a Docker endpoint");
  });
});
