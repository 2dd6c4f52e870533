import { isIP } from 'node:net';
import { networkInterfaces, NetworkInterfaceInfo } from 'node:os';
import ipaddr from 'ipaddr.js';

export type InterfaceTable = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * Where nodes call herd back when HERD_CALLBACK_URL is not set: herd's own listener. When HOST is
 * an unspecified address (0.0.0.0, ::) that is no address a node can reach, so the machine's first
 * non-internal interface address stands in (IPv4 first; IPv6 link-local needs a zone, so never).
 */
export function defaultCallbackUrl(env: Record<string, string | undefined>, interfaces: InterfaceTable = networkInterfaces()): string {
  const host = env.HOST?.trim() || '127.0.0.1';
  const port = env.PORT?.trim() || '8080';
  const reachable = isUnspecified(host) ? (firstExternalAddress(interfaces) ?? '127.0.0.1') : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}/v1/node-callbacks`;
}

function isUnspecified(host: string): boolean {
  return isIP(host) !== 0 && ipaddr.parse(host).range() === 'unspecified';
}

function firstExternalAddress(interfaces: InterfaceTable): string | undefined {
  const external = Object.values(interfaces)
    .flatMap((entries) => entries ?? [])
    .filter((entry) => !entry.internal && !(entry.family === 'IPv6' && ipaddr.parse(entry.address).range() === 'linkLocal'));
  return (external.find((entry) => entry.family === 'IPv4') ?? external[0])?.address;
}
