import request from 'supertest';
import type { Role } from '../../src/modules/tenancy/role';

type Schema = Record<string, unknown>;

/** herd's own OpenAPI document, as `/docs-json` serves it. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Schema>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One operation of herd's own OpenAPI document, as the route-wide tests need it. */
export interface DocumentedRoute {
  method: string;
  /** The OpenAPI template, e.g. `/v1/tenants/{id}/api-keys/{keyId}`. */
  template: string;
  pathParams: string[];
  queryParams: { name: string; schema: Schema }[];
  public: boolean;
  /** The role the auth guard demands: `x-herd-role`, else viewer for reads and member for writes. */
  role: Role;
  /** The JSON request body's schema with `$ref`s resolved one level, when there is one. */
  bodySchema?: Schema;
  /** Each documented status, with the schema of each media type it answers in (`$ref`s as given). */
  responses: Record<string, Record<string, Schema | undefined>>;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export async function openApiDocument(baseUrl: string): Promise<OpenApiDocument> {
  return (await request(baseUrl).get('/docs-json').expect(200)).body as OpenApiDocument;
}

/** Reads `/docs-json` from a running herd, so routes added by any module are covered. */
export async function documentedRoutes(baseUrl: string): Promise<DocumentedRoute[]> {
  return routesOf(await openApiDocument(baseUrl));
}

export function routesOf(document: OpenApiDocument): DocumentedRoute[] {
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: Schema | undefined): Schema | undefined => {
    const ref = schema?.$ref;
    return typeof ref === 'string' ? schemas[ref.replace('#/components/schemas/', '')] : schema;
  };
  const routes: DocumentedRoute[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []) as { name: string; in: string; schema: Schema }[];
      const body = (operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.['application/json']?.schema;
      const upper = method.toUpperCase();
      routes.push({
        method: upper,
        template,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        public: operation['x-herd-public'] === true,
        role: (operation['x-herd-role'] as Role | undefined) ?? (READS.has(upper) ? 'viewer' : 'member'),
        bodySchema: resolve(body),
        responses: responsesOf(operation),
      });
    }
  }
  return routes;
}

function responsesOf(operation: Schema): DocumentedRoute['responses'] {
  const responses = (operation.responses ?? {}) as Record<string, { content?: Record<string, { schema?: Schema }> }>;
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => [status, Object.fromEntries(Object.entries(response.content ?? {}).map(([type, media]) => [type, media.schema]))]),
  );
}

/** Substitutes every `{param}` of the template. */
export function pathOf(route: DocumentedRoute, value: (param: string) => string): string {
  return route.template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(value(name)));
}

export function describeRoute(route: DocumentedRoute): string {
  return `${route.method} ${route.template}`;
}
