import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dialect from '../fixtures/openapi-3.1/dialect-base.json';
import vocabulary from '../fixtures/openapi-3.1/meta-base.json';
import openApi31 from '../fixtures/openapi-3.1/schema.json';
import { startTestApp, TestApp } from '../support/test-app';

type Json = Record<string, any>;

/** Every JSON Schema in the document, with where it is: components, parameters, bodies and answers. */
function schemasOf(document: Json): { at: string; schema: Json }[] {
  const found = Object.entries(document.components.schemas as Json).map(([name, schema]) => ({ at: `components.schemas.${name}`, schema }));
  for (const [path, item] of Object.entries(document.paths as Json)) {
    for (const [method, operation] of Object.entries(item as Json)) {
      const at = `${method.toUpperCase()} ${path}`;
      for (const parameter of operation.parameters ?? []) found.push({ at: `${at} parameter ${parameter.name}`, schema: parameter.schema });
      for (const [type, media] of Object.entries((operation.requestBody?.content ?? {}) as Json)) found.push({ at: `${at} body ${type}`, schema: media.schema });
      for (const [status, answer] of Object.entries(operation.responses as Json)) {
        for (const [type, media] of Object.entries((answer.content ?? {}) as Json)) if (media.schema) found.push({ at: `${at} ${status} ${type}`, schema: media.schema });
      }
    }
  }
  return found;
}

/** Every place a schema, at any depth, uses the given keyword. */
function usesOf(keyword: string, value: unknown, at: string): string[] {
  if (value === null || typeof value !== 'object') return [];
  const here = !Array.isArray(value) && keyword in value ? [at] : [];
  return [...here, ...Object.entries(value).flatMap(([key, child]) => (key === 'example' || key === 'examples' ? [] : usesOf(keyword, child, `${at}/${key}`)))];
}

/**
 * The official schema points at Schema Objects with `$dynamicRef: "#meta"`, which ajv resolves
 * only to a root `$dynamicAnchor`; with no other dialect in play it means its own `$defs/schema`.
 */
function withStaticSchemaRefs(value: unknown): any {
  if (Array.isArray(value)) return value.map(withStaticSchemaRefs);
  if (value === null || typeof value !== 'object') return value;
  if ((value as Json).$dynamicRef === '#meta') return { $ref: '#/$defs/schema' };
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withStaticSchemaRefs(child)]));
}

describe('the OpenAPI document', () => {
  let app: TestApp;
  let document: Json;

  beforeAll(async () => {
    app = await startTestApp();
    document = (await request(app.baseUrl).get('/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is a valid OpenAPI 3.1 document by the official JSON Schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addFormat('media-range', true);
    expect(document.openapi).toBe('3.1.0');
    const validate = ajv.compile(withStaticSchemaRefs(openApi31));
    const valid = validate(document);
    expect(valid ? [] : validate.errors?.slice(0, 20)).toEqual([]);
  });

  it('holds only JSON Schema 2020-12 in the OAS dialect: no 3.0 nullable, every schema valid', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema(vocabulary);
    const validateSchema = ajv.compile(dialect);
    const schemas = schemasOf(document);
    expect(schemas.length).toBeGreaterThan(50);
    const problems = schemas.flatMap(({ at, schema }) => [
      ...(validateSchema(schema) ? [] : [`${at}: ${ajv.errorsText(validateSchema.errors)}`]),
      ...usesOf('nullable', schema, at),
    ]);
    expect(problems).toEqual([]);
    const nullableType = Object.values(document.components.schemas as Json).flatMap((schema) => Object.values((schema.properties ?? {}) as Json)).find((property) => Array.isArray(property.type));
    expect(nullableType?.type).toContain('null');
  });

  it('says the bearer key is an opaque herd API key, not a JWT', () => {
    const scheme = document.components.securitySchemes.bearer;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(scheme.bearerFormat).toBeUndefined();
    expect(scheme.description).toMatch(/opaque herd API key/);
    expect(document.info.license).toMatchObject({ name: 'Apache-2.0' });
  });

  it('names Idempotency-Key once on POST /v1/clusters, as optional', () => {
    const headers = (document.paths['/v1/clusters'].post.parameters as Json[]).filter((parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key');
    expect(headers).toHaveLength(1);
    expect(headers[0].required).toBe(false);
  });

  it('documents, per error status, the codes it can carry and an example with one of them', () => {
    const codes = document.components.schemas.ErrorCode;
    expect(codes.enum).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'MALFORMED_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'ILLEGAL_STATE', 'QUOTA_EXCEEDED', 'RATE_LIMITED', 'REQUEST_TIMEOUT', 'INTERNAL']));
    expect(document.components.schemas.ErrorResponse.required).toContain('code');
    let errorAnswers = 0;
    for (const item of Object.values(document.paths as Json)) {
      for (const operation of Object.values(item as Json)) {
        for (const [status, answer] of Object.entries(operation.responses as Json)) {
          if (Number(status) < 400) continue;
          errorAnswers++;
          const media = answer.content['application/json'];
          const allowed: string[] = media.schema.allOf[1].properties.code.enum;
          expect(allowed.length, status).toBeGreaterThan(0);
          expect(allowed, status).toContain(media.example.code);
          expect(media.example.statusCode).toBe(Number(status));
        }
      }
    }
    expect(errorAnswers).toBeGreaterThan(100);
    const conflictCodes = document.paths['/v1/clusters/{idOrName}/stop'].post.responses['409'].content['application/json'].schema.allOf[1].properties.code.enum;
    expect(conflictCodes).toEqual(['CONFLICT', 'ILLEGAL_STATE']);
  });
});
