import { randomUUID } from 'node:crypto';
import { ForeignObject, foreignObjectFor } from '../support/foreign-objects';
import type { DocumentedRoute } from '../support/openapi-routes';
import { deeplyNested, hostileString, hostileValue, randomUnicode } from './hostile-values';
import type { Prng } from './prng';

/** Who a fuzz request claims to be. */
export type Caller = 'none' | 'garbage' | 'expired' | 'revoked' | 'viewer' | 'member' | 'admin';

/** Ids and keys the fuzzer aims at: tenant A is the caller's, tenant B the foreign one. */
export interface Fixtures {
  tenantA: string;
  tenantB: string;
  keyOfA: string;
  keyOfB: string;
  /** Objects of tenant B in the other collections (credentials, blueprints, ...). */
  foreign: ForeignObject[];
  auth: Record<Exclude<Caller, 'none' | 'garbage'>, string>;
}

export interface FuzzRequest {
  category: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Bytes written straight to a socket instead of an HTTP request. */
  raw?: Buffer;
  /** The server may cut the connection before answering (oversized or malformed input). */
  mayDropConnection?: boolean;
}

type Schema = Record<string, unknown>;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ODD_METHODS = ['TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'PURGE', 'SEARCH', 'FOO', 'get', 'Delete'];
const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/**
 * One bad request, derived only from `rng`. Callers with write power (member, admin) never get
 * an id of their own tenant nor a body that could be valid, so no request may change the
 * database: any change the test sees is a defect, not a fuzz artefact.
 */
export function generateRequest(rng: Prng, routes: DocumentedRoute[], fixtures: Fixtures): FuzzRequest {
  const category = rng.weighted([
    [30, 'bad-body'],
    [20, 'bad-path-params'],
    [12, 'bad-query'],
    [12, 'bad-auth'],
    [12, 'unknown-route'],
    [10, 'bad-headers'],
    [4, 'raw-http'],
  ] as const);
  if (category === 'raw-http') return rawRequest(rng, routes);
  if (category === 'unknown-route') return unknownRoute(rng, fixtures);

  const route = rng.pick(routes);
  const caller: Caller = category === 'bad-auth' ? rng.pick(['none', 'garbage', 'expired', 'revoked'] as const) : pickCaller(rng);
  const method = route.method;
  const request: FuzzRequest = { category, method, path: pathFor(rng, route, caller, fixtures, category === 'bad-path-params'), headers: authHeaders(rng, caller, fixtures) };
  if (route.queryParams.length > 0 || category === 'bad-query') request.path += `?${badQuery(rng, route)}`;
  if (BODY_METHODS.has(method) || category === 'bad-body') {
    const body = badBody(rng, route);
    request.body = body.bytes;
    request.headers['content-type'] = body.contentType;
    request.mayDropConnection = body.bytes.length > 400_000;
  }
  if (category === 'bad-headers') addBadHeaders(rng, request);
  if (headSize(request) > MAX_HEAD_BYTES) request.mayDropConnection = true;
  return request;
}

/** Node answers a longer request line and headers with 431 and closes, maybe while the client still writes. */
const MAX_HEAD_BYTES = 15 * 1024;

function headSize(request: FuzzRequest): number {
  return request.path.length + Object.entries(request.headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
}

function pickCaller(rng: Prng): Caller {
  return rng.weighted([
    [2, 'none'],
    [1, 'garbage'],
    [1, 'expired'],
    [1, 'revoked'],
    [3, 'viewer'],
    [6, 'member'],
    [6, 'admin'],
  ] as const);
}

function authHeaders(rng: Prng, caller: Caller, fixtures: Fixtures): Record<string, string> {
  switch (caller) {
    case 'none':
      return {};
    case 'garbage':
      return {
        authorization: rng.pick([
          'Bearer',
          'Bearer ',
          `Bearer ${asciiOnly(hostileString(rng)).slice(0, 4000)}`,
          `bearer  ${randomUUID()}`,
          'Basic YWRtaW46YWRtaW4=',
          `Bearer herd_${'A'.repeat(43)}`,
          `Bearer ${fixtures.auth.member.slice(7, -1)}`,
          `Bearer ${fixtures.auth.admin.slice(7)}x`,
          `Token ${fixtures.auth.admin.slice(7)}`,
          `Bearer ${fixtures.auth.admin.slice(7)} ${fixtures.auth.admin.slice(7)}`,
          `Bearer ${'k'.repeat(8000)}`,
        ]),
      };
    default:
      return { authorization: fixtures.auth[caller] };
  }
}

/** Real ids only where they cannot lead to a change: foreign ones for members, none for admins. */
function pathFor(rng: Prng, route: DocumentedRoute, caller: Caller, fixtures: Fixtures, hostile: boolean): string {
  const mayWrite = caller === 'member' || caller === 'admin';
  const tenantRoute = route.template.startsWith('/v1/tenants/');
  return route.template.replace(/\{([^}]+)\}/g, (_, param: string) => {
    if (hostile || rng.chance(0.3)) return encodeSegment(hostileString(rng).slice(0, 2000));
    const real: string[] = [];
    if (tenantRoute && param === 'id') real.push(...(caller === 'admin' ? [] : mayWrite ? [fixtures.tenantB] : [fixtures.tenantA, fixtures.tenantB]));
    if (param === 'keyId') real.push(...(caller === 'admin' ? [] : mayWrite ? [fixtures.keyOfB] : [fixtures.keyOfA, fixtures.keyOfB]));
    const foreign = caller === 'admin' ? undefined : foreignObjectFor(route, param, fixtures.foreign);
    if (foreign) real.push(foreign.id, encodeURIComponent(foreign.name));
    return real.length > 0 && rng.chance(0.7) ? rng.pick(real) : randomUUID();
  });
}

function badQuery(rng: Prng, route: DocumentedRoute): string {
  const names = [...route.queryParams.map((p) => p.name), 'limit', 'offset', 'tenantId', '__proto__[admin]', 'a[b][c][d]', hostileString(rng).slice(0, 50)];
  const parts: string[] = [];
  for (let i = rng.int(1, 4); i > 0; i--) {
    const name = rng.pick(names);
    const value = rng.pick(['0', '-1', '1.5', 'abc', '1e3', '101', '', '99999999999999999999', 'null', '[]', hostileString(rng).slice(0, 3000)]);
    parts.push(`${encodeSegment(name).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeSegment(value)}`);
  }
  if (rng.chance(0.1)) parts.push('%ZZ=%', 'limit');
  return parts.join('&');
}

interface Body {
  bytes: Buffer;
  contentType: string;
}

function badBody(rng: Prng, route: DocumentedRoute): Body {
  const json = (text: string): Body => ({ bytes: Buffer.from(text), contentType: 'application/json' });
  switch (rng.weighted([[35, 'broken-schema'], [15, 'not-an-object'], [15, 'malformed'], [10, 'deep'], [10, 'unknown-fields'], [10, 'wrong-content-type'], [5, 'huge']] as const)) {
    case 'broken-schema':
      return json(JSON.stringify(brokenObject(rng, route.bodySchema)));
    case 'not-an-object':
      return json(rng.pick(['42', '"x"', 'null', 'true', '[]', '[{}]', '[1,2,3]', JSON.stringify([brokenObject(rng, route.bodySchema)]), JSON.stringify(hostileString(rng))]));
    case 'malformed':
      return json(rng.pick(['{', '{"name": ', '{"a":1,}', "{'a': 1}", '{"a": NaN}', '{"a": undefined}', '\uFEFF{}', '{"a":1}{"b":2}', '{"a":"\\u00"}', '\u0000', 'a'.repeat(100), '{"a":1e999999}']));
    case 'deep':
      return json(deeplyNested(rng, rng.pick([50, 500, 5_000, 50_000])));
    case 'unknown-fields':
      return json(JSON.stringify({ ...(hostileValue(rng, 3) as object), __fuzz__: hostileValue(rng, 2), ['__proto__']: { admin: true } }));
    case 'wrong-content-type':
      return {
        bytes: Buffer.from(rng.pick(['name=x&role=admin', '<xml/>', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', JSON.stringify(brokenObject(rng, route.bodySchema))])),
        contentType: rng.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/octet-stream', 'application/vnd.api+json']),
      };
    case 'huge':
      return json(JSON.stringify({ name: 'z'.repeat(rng.pick([100_000, 600_000])), __fuzz__: 1 }));
  }
}

/**
 * An object that fails the documented schema: every required property is missing or of the
 * wrong type, and an unknown field rides along.
 */
function brokenObject(rng: Prng, schema: Schema | undefined): Record<string, unknown> {
  const properties = (schema?.properties ?? {}) as Record<string, Schema>;
  const required = (schema?.required ?? []) as string[];
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (required.includes(name)) {
      if (rng.chance(0.3)) continue;
      out[name] = wrongTypeFor(rng, property);
    } else if (rng.chance(0.5)) {
      out[name] = rng.chance(0.5) ? wrongTypeFor(rng, property) : hostileValue(rng, 2);
    }
  }
  if (required.length === 0 || rng.chance(0.5)) out[rng.pick(['__fuzz__', 'tenantId', 'role', 'isAdmin', hostileString(rng).slice(0, 60) || 'k'])] = hostileValue(rng, 2);
  if (required.length === 0) out.__fuzz__ = true;
  return out;
}

function wrongTypeFor(rng: Prng, property: Schema): unknown {
  const type = property.type;
  if (Array.isArray(property.enum)) return rng.pick([hostileString(rng), 1, null, [property.enum[0]], `${String(property.enum[0])} `]);
  switch (type) {
    case 'string':
      return rng.pick([1, -1, true, null, [], {}, ['a'], { $gt: '' }]);
    case 'integer':
    case 'number':
      return rng.pick(['1', hostileString(rng), 1.5, -1, 1e308, true, null, [1], { value: 1 }, -(2 ** 63)]);
    case 'boolean':
      return rng.pick(['true', 1, 0, null, 'yes', []]);
    case 'array':
      return rng.pick(['a', 1, {}, null, { 0: 'a' }]);
    default:
      return rng.pick([hostileString(rng), 1, true, null, []]);
  }
}

function addBadHeaders(rng: Prng, request: FuzzRequest): void {
  for (let i = rng.int(1, 3); i > 0; i--) {
    switch (rng.int(0, 7)) {
      case 0:
        request.headers['content-type'] = rng.pick(['application/json;;;', '*/*', 'application/json; charset=ebcdic', 'text/html; charset=utf-8', asciiOnly(hostileString(rng)).slice(0, 200) || 'x']);
        break;
      case 1:
        request.headers['content-encoding'] = rng.pick(['gzip', 'deflate', 'br', 'compress', 'identity, gzip', 'zstd']);
        request.mayDropConnection = true;
        break;
      case 2:
        request.headers['x-correlation-id'] = asciiOnly(hostileString(rng)).slice(0, 4000) || '-';
        break;
      case 3:
        request.headers.accept = rng.pick(['application/xml', 'text/html', '*/*;q=0', 'image/png', asciiOnly(hostileString(rng)).slice(0, 100)]);
        break;
      case 4:
        request.headers['x-huge'] = 'h'.repeat(rng.pick([4_000, 20_000, 70_000]));
        request.mayDropConnection = true;
        break;
      case 5:
        request.headers['x-forwarded-for'] = rng.pick(['169.254.169.254', '127.0.0.1, 10.0.0.1', asciiOnly(hostileString(rng)).slice(0, 100)]);
        break;
      case 6:
        request.headers.expect = rng.pick(['100-continue', 'nonsense']);
        request.mayDropConnection = true;
        break;
      case 7:
        request.headers.origin = rng.pick(['https://evil.example', 'null', asciiOnly(hostileString(rng)).slice(0, 200)]);
        break;
    }
  }
}

function unknownRoute(rng: Prng, fixtures: Fixtures): FuzzRequest {
  const segment = () => encodeSegment(hostileString(rng).slice(0, 500));
  const path = rng.pick([
    `/v1/${segment()}`,
    `/v2/tenants`,
    `/v1/tenants/${fixtures.tenantB}/${segment()}`,
    `/v1/tenants/${randomUUID()}/api-keys/${randomUUID()}/${segment()}`,
    '/v1/tenants/%ZZ',
    '/v1/tenants/%',
    '/%2e%2e/%2e%2e/etc/passwd',
    '//v1//tenants//',
    '/v1/./tenants/../audit',
    `/${'a/'.repeat(rng.int(10, 2000))}`,
    `/v1/${'p'.repeat(rng.pick([1_000, 9_000, 30_000]))}`,
    `/docs/${segment()}`,
    '/docs-json/../../',
    '/health/../v1/audit',
    '/v1/me;admin=true',
    `/v1/tenants?${'a=1&'.repeat(2000)}`,
  ]);
  const method = rng.chance(0.7) ? rng.pick(ALL_METHODS) : rng.pick(ODD_METHODS);
  const caller = pickCaller(rng);
  const request: FuzzRequest = { category: 'unknown-route', method, path, headers: authHeaders(rng, caller, fixtures), mayDropConnection: true };
  if (BODY_METHODS.has(method.toUpperCase()) && rng.chance(0.7)) {
    request.body = Buffer.from(JSON.stringify(hostileValue(rng)));
    request.headers['content-type'] = 'application/json';
  }
  return request;
}

/** Bytes no HTTP client would send: smuggling attempts, bad request lines, control characters. */
function rawRequest(rng: Prng, routes: DocumentedRoute[]): FuzzRequest {
  const route = rng.pick(routes).template.replace(/\{[^}]+\}/g, randomUUID());
  const text = rng.pick([
    `GET ${route} HTTP/1.1\r\n\r\n`,
    `FOO ${route} HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET ${route} HTTP/9.9\r\nHost: x\r\n\r\n`,
    `POST ${route} HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    `POST ${route} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{"a":1}`,
    `POST ${route} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":`,
    `POST ${route} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
    `GET ${route} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u0001\u0002\r\n\r\n`,
    `GET ${route}\u0000 HTTP/1.1\r\nHost: x\r\n\r\n`,
    `GET ${route} HTTP/1.1\r\nHost: x\r\nX: ${'v'.repeat(100_000)}\r\n\r\n`,
    `GET ${route} HTTP/1.1\nHost: x\n\n`,
    `\r\n\r\n\r\n`,
    `${randomUnicode(rng, 200)}\r\n\r\n`,
    `DELETE ${route} HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`,
    `PATCH ${route} HTTP/1.0\r\n\r\n`,
  ]);
  return { category: 'raw-http', method: 'RAW', path: route, headers: {}, raw: Buffer.from(text, 'latin1'), mayDropConnection: true };
}

/** Percent-encodes, sending a lone UTF-16 surrogate as the invalid UTF-8 it would be. */
function encodeSegment(text: string): string {
  return text
    .split(/([\uD800-\uDFFF])/)
    .map((part) => (/^[\uD800-\uDFFF]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
}

/** Header values must be visible ASCII for the HTTP client to send them at all. */
function asciiOnly(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '');
}

