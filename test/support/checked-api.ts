import request from 'supertest';
import { expect } from 'vitest';
import { type DocumentedRoute, pathOf } from './openapi-routes';
import { ResponseSchemas } from './response-schemas';

export interface CheckedCall {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  auth?: string;
  headers?: Record<string, string>;
  /** The status the call must answer. */
  expect: number;
}

/**
 * Calls herd's routes by their OpenAPI name (`GET /v1/clusters/{id}`) and checks every answer
 * against the document's schema for that route and status; remembers what it called.
 */
export class CheckedApi {
  readonly called = new Set<string>();

  constructor(
    private readonly baseUrl: string,
    private readonly routes: DocumentedRoute[],
    private readonly schemas: ResponseSchemas,
  ) {}

  /** The answer's body once status, content type and schema were checked; a schema mismatch fails the test softly, so one run reports them all. */
  async call(route: string, call: CheckedCall): Promise<any> {
    const documented = this.route(route);
    const path = pathOf(documented, (param) => call.params?.[param] ?? missingParam(route, param));
    const method = documented.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const req = request(this.baseUrl)[method](path).query(call.query ?? {});
    if (call.auth) req.set('Authorization', call.auth);
    for (const [name, value] of Object.entries(call.headers ?? {})) req.set(name, value);
    const res = call.body === undefined ? await req : await req.send(call.body as object);
    expect(res.status, `${route}: ${res.text.slice(0, 2000)}`).toBe(call.expect);
    this.called.add(`${route} ${res.status}`);
    expect.soft(this.problemsOf(documented, route, res.status, res.headers['content-type'] as string | undefined, res.body), `${route} answered ${res.status}`).toEqual([]);
    return res.body;
  }

  private problemsOf(documented: DocumentedRoute, route: string, status: number, contentType: string | undefined, body: unknown): string[] {
    const content = documented.responses[String(status)];
    if (!content) return [`${route} does not document the status ${status}`];
    if (status === 204) return [];
    const mediaType = (contentType ?? '').split(';')[0].trim();
    if (!(mediaType in content)) return [`${route} ${status} answered ${mediaType || 'no content type'}; the document says ${Object.keys(content).join(', ') || 'no content'}`];
    const schema = content[mediaType];
    if (mediaType !== 'application/json') return [];
    if (!schema) return [`${route} ${status} documents no schema`];
    return this.schemas.problemsOf(schema, body);
  }

  private route(name: string): DocumentedRoute {
    const found = this.routes.find((route) => `${route.method} ${route.template}` === name);
    if (!found) throw new Error(`${name} is not a documented route`);
    return found;
  }
}

function missingParam(route: string, param: string): never {
  throw new Error(`${route}: no value for {${param}}`);
}
