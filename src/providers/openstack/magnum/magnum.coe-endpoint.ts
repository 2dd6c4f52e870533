import { FatalProviderError } from '../../spi';

export interface CoeEndpoint {
  host: string;
  port: number;
  tls: boolean;
}

/**
 * Where the COE's Docker API answers, from the Magnum cluster's `api_address`. Magnum's Swarm
 * drivers always write `tcp://<address>:<port>` and leave TLS to the cluster template
 * (`tls_disabled`); `https://` and `http://` say it themselves.
 */
export function coeEndpoint(apiAddress: string, tlsDisabled: boolean): CoeEndpoint {
  let url: URL;
  try {
    url = new URL(apiAddress);
  } catch (error) {
    throw new FatalProviderError(`Magnum's api_address '${apiAddress}' is not a URL`, undefined, { cause: error });
  }
  const tls = url.protocol === 'https:' || (url.protocol === 'tcp:' && !tlsDisabled);
  if (!['tcp:', 'https:', 'http:'].includes(url.protocol) || !url.hostname) {
    throw new FatalProviderError(`Magnum's api_address '${apiAddress}' is not a Docker endpoint (tcp://, https:// or http://host:port)`);
  }
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : tls ? 2376 : 2375, tls };
}
