import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import type { HerdConfig } from '../../config/config';
import { ValidationFailed } from '../errors';
import { AddressClass, classifyAddress } from './address-class';

/** Which destinations herd may connect to on a user's behalf. */
export interface EgressPolicy {
  /** Loopback and private networks (RFC 1918, RFC 4193, CGNAT), and unix sockets. */
  allowPrivate: boolean;
  /** Allowed whatever their class: the way to let, say, a link-local endpoint through. */
  allowedCidrs: string[];
}

export function egressPolicyOf(config: Pick<HerdConfig, 'egressAllowPrivate' | 'egressAllowedCidrs'>): EgressPolicy {
  return { allowPrivate: config.egressAllowPrivate, allowedCidrs: config.egressAllowedCidrs };
}

/** Returns every address a host name resolves to. */
export type Resolver = (host: string) => Promise<string[]>;

export interface EgressCheck {
  /** The request field the endpoint came from, named in the error (e.g. `parameters.auth_url`). */
  field: string;
  /** URL schemes accepted; default http, https and tcp (Docker). */
  protocols?: string[];
  resolve?: Resolver;
  /** Let a host name that does not resolve (or not in time) through: for endpoints stored now and reached later. */
  unresolvedPasses?: boolean;
}

/** The vetted endpoint: connect to one of `addresses` to be sure the checked address is the one used. */
export interface AllowedEndpoint {
  url: URL;
  /** Empty for a unix socket. */
  addresses: string[];
}

/** Names that reach cloud metadata services whatever they resolve to. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);
const ALWAYS_REFUSED: ReadonlySet<AddressClass> = new Set(['link-local', 'cloud-metadata', 'unspecified', 'multicast', 'broadcast', 'reserved', 'tunnelled']);
const PRIVATE: ReadonlySet<AddressClass> = new Set(['private', 'loopback']);
const DNS_TIMEOUT_MS = 5000;

/**
 * Refuses, with a 400 naming the field, an endpoint herd must not connect to: link-local and
 * cloud-metadata addresses, unspecified, multicast, broadcast and reserved ones, and private or
 * loopback ones when the policy says so. Every address the host resolves to must pass, since
 * the connection may use any of them.
 */
export async function assertEgressAllowed(endpoint: string, policy: EgressPolicy, check: EgressCheck): Promise<AllowedEndpoint> {
  const { field } = check;
  const refuse = (reason: string): never => {
    throw new ValidationFailed([{ field, reason }]);
  };
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return refuse('is not a valid URL');
  }
  const protocols = check.protocols ?? ['http:', 'https:', 'tcp:'];
  if (url.protocol === 'unix:' && protocols.includes('unix:')) {
    if (!policy.allowPrivate) refuse('is a unix socket, which the egress policy refuses (HERD_EGRESS_ALLOW_PRIVATE=false)');
    return { url, addresses: [] };
  }
  if (!protocols.includes(url.protocol)) refuse(`must use ${protocols.map((p) => p.replace(/:$/, '')).join(', ')} (got ${url.protocol.replace(/:$/, '')})`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  if (host === '') refuse('has no host');
  if (METADATA_HOSTS.has(host)) refuse(`names ${host}, a cloud metadata service, which the egress policy refuses`);
  const addresses = ipaddr.isValid(host) ? [host] : await resolveOrRefuse(host, check.resolve ?? resolveWithDns, check.unresolvedPasses ? () => undefined : refuse);
  for (const address of addresses) {
    const problem = egressProblem(address, policy);
    if (problem) refuse(addresses.length === 1 && address === host ? problem : `resolves to ${address}: ${problem}`);
  }
  return { url, addresses };
}

/** Why the policy refuses this address, or undefined when it allows it. */
export function egressProblem(address: string, policy: EgressPolicy): string | undefined {
  if (policy.allowedCidrs.some((cidr) => inCidr(address, cidr))) return undefined;
  const kind = classifyAddress(address);
  if (ALWAYS_REFUSED.has(kind)) return `${address} is a ${kind} address, which the egress policy refuses (allow it with HERD_EGRESS_ALLOWED_CIDRS)`;
  if (PRIVATE.has(kind) && !policy.allowPrivate) return `${address} is a ${kind} address, which the egress policy refuses (HERD_EGRESS_ALLOW_PRIVATE=false)`;
  return undefined;
}

function inCidr(literal: string, cidr: string): boolean {
  const address = ipaddr.process(literal);
  const [network, bits] = ipaddr.parseCIDR(cidr);
  return address.kind() === network.kind() && address.match(network, bits);
}

/** The host's addresses; when it does not resolve, `unresolved` refuses (throws) or lets it pass with none. */
async function resolveOrRefuse(host: string, resolve: Resolver, unresolved: (reason: string) => undefined): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((done) => (timer = setTimeout(() => done('timeout'), DNS_TIMEOUT_MS)));
  try {
    const result = await Promise.race([resolve(host), timeout]);
    if (result === 'timeout') return unresolved(`host ${host} did not resolve within ${DNS_TIMEOUT_MS / 1000} s`) ?? [];
    if (result.length === 0) return unresolved(`host ${host} does not resolve`) ?? [];
    return result;
  } catch (error) {
    if (error instanceof ValidationFailed) throw error;
    return unresolved(`host ${host} does not resolve`) ?? [];
  } finally {
    clearTimeout(timer);
  }
}

async function resolveWithDns(host: string): Promise<string[]> {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}
