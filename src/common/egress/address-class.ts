import ipaddr from 'ipaddr.js';

/** What kind of destination an IP address is, as far as the egress policy cares. */
export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'cloud-metadata'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'tunnelled';

/** Instance metadata and platform services of the major clouds (AWS, ECS, GCP, Azure, Alibaba). */
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', '168.63.129.16', '100.100.100.200', 'fd00:ec2::254']);

const V4: Record<string, AddressClass> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  private: 'private',
  carrierGradeNat: 'private',
  benchmarking: 'private',
  reserved: 'reserved',
};

const V6: Record<string, AddressClass> = {
  unspecified: 'unspecified',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  uniqueLocal: 'private',
  benchmarking: 'private',
  reserved: 'reserved',
  // Addresses that carry an IPv4 address inside: where they lead depends on a gateway.
  rfc6145: 'tunnelled',
  rfc6052: 'tunnelled',
  '6to4': 'tunnelled',
  teredo: 'tunnelled',
};

/** Classifies a literal IPv4 or IPv6 address; an IPv4-mapped IPv6 address counts as its IPv4 form. */
export function classifyAddress(literal: string): AddressClass {
  const address = ipaddr.process(literal);
  const normalized = address.toNormalizedString();
  if (METADATA_ADDRESSES.has(normalized) || METADATA_ADDRESSES.has(address.toString())) return 'cloud-metadata';
  const range = address.range();
  return (address.kind() === 'ipv4' ? V4[range] : V6[range]) ?? 'public';
}
