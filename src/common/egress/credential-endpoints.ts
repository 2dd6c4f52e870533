import ipaddr from 'ipaddr.js';
import type { JsonSchema } from '../../providers/spi';

/** Formats whose values herd connects to. */
const ENDPOINT_FORMATS = new Set(['uri', 'url', 'hostname', 'ipv4', 'ipv6']);
/** Schema marker for endpoint fields that have no such format (a Docker host, a socket path). */
export const ENDPOINT_MARKER = 'x-herd-endpoint';

export interface NamedEndpoint {
  /** Where it sits in the request, e.g. `parameters.authUrl`. */
  field: string;
  /** As a URL: a bare host becomes `tcp://host`, an absolute path `unix://path`. */
  url: string;
}

/**
 * The endpoints a credential's parameters name, found through its provider's schema: every
 * string whose property is marked `x-herd-endpoint: true` or has format uri, url, hostname,
 * ipv4 or ipv6, in nested objects and arrays and under oneOf/anyOf/allOf too.
 */
export function endpointsIn(schema: JsonSchema, value: unknown, field = 'parameters'): NamedEndpoint[] {
  const found: NamedEndpoint[] = [];
  const visit = (node: JsonSchema | undefined, current: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    if (typeof current === 'string' && (node[ENDPOINT_MARKER] === true || ENDPOINT_FORMATS.has(node.format as string))) {
      found.push({ field: path, url: asUrl(current) });
    }
    if (Array.isArray(current)) {
      current.forEach((item, index) => visit(node.items as JsonSchema | undefined, item, `${path}[${index}]`));
    } else if (current && typeof current === 'object') {
      const properties = (node.properties as Record<string, JsonSchema> | undefined) ?? {};
      for (const [name, child] of Object.entries(properties)) {
        if (Object.hasOwn(current, name)) visit(child, (current as Record<string, unknown>)[name], `${path}.${name}`);
      }
    }
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      for (const branch of (node[key] as JsonSchema[] | undefined) ?? []) visit(branch, current, path);
    }
  };
  visit(schema, value, field);
  return dedupe(found);
}

function asUrl(value: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  if (value.startsWith('/')) return `unix://${value}`;
  return ipaddr.IPv6.isValid(value) ? `tcp://[${value}]` : `tcp://${value}`;
}

function dedupe(endpoints: NamedEndpoint[]): NamedEndpoint[] {
  const seen = new Set<string>();
  return endpoints.filter((endpoint) => {
    const key = `${endpoint.field} ${endpoint.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
