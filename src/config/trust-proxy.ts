import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Express's `trust proxy` setting (HERD_TRUST_PROXY): which peers may tell herd the client's
 * address in X-Forwarded-For. `false` trusts none, `true` every hop, a number that many hops,
 * a list those addresses, CIDRs and Express's names for ranges.
 */
export type TrustProxy = boolean | number | string[];

const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_HOPS = 100;

export function parseTrustProxy(raw: string, problems: string[]): TrustProxy {
  const value = raw.trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > MAX_HOPS) problems.push(`HERD_TRUST_PROXY as a hop count must be between 0 and ${MAX_HOPS} (got "${raw}")`);
    return hops;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  for (const entry of entries) {
    if (!NAMED_RANGES.includes(entry) && !isAddressOrCidr(entry)) {
      problems.push(`HERD_TRUST_PROXY must be false, true, a hop count, or a comma-separated list of addresses, CIDRs, ${NAMED_RANGES.join(', ')} (got "${entry}")`);
    }
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix] = entry.split('/', 2);
  if (isIP(address) === 0) return false;
  return prefix === undefined || ipaddr.isValidCIDR(entry);
}
