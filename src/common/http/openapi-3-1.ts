import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

/** Where a schema holds schemas: under these keys one schema, a list of them, or a map of names to them. */
const ONE = ['items', 'not', 'additionalProperties', 'contains', 'if', 'then', 'else', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems'];
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];

/**
 * @nestjs/swagger writes OpenAPI 3.0 schemas; 3.1 schemas are JSON Schema 2020-12, where
 * `nullable: true` is a union with `null`. Rewrites every schema of the document in place.
 */
export function toOpenApi31(document: OpenAPIObject): OpenAPIObject {
  document.openapi = '3.1.0';
  for (const schema of Object.values(document.components?.schemas ?? {})) rewrite(schema as Schema);
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Schema[]) {
      if (!operation || typeof operation !== 'object') continue;
      for (const parameter of (operation.parameters as Schema[] | undefined) ?? []) rewriteSchemaOf(parameter);
      for (const media of Object.values(((operation.requestBody as Schema | undefined)?.content ?? {}) as Record<string, Schema>)) rewriteSchemaOf(media);
      for (const response of Object.values((operation.responses ?? {}) as Record<string, Schema>)) {
        for (const media of Object.values((response.content ?? {}) as Record<string, Schema>)) rewriteSchemaOf(media);
      }
    }
  }
  return document;
}

function rewriteSchemaOf(holder: Schema): void {
  if (holder.schema && typeof holder.schema === 'object') holder.schema = rewrite(holder.schema as Schema);
}

function rewrite(schema: Schema): Schema {
  for (const key of ONE) if (schema[key] && typeof schema[key] === 'object') rewrite(schema[key] as Schema);
  for (const key of LISTS) for (const sub of (schema[key] as Schema[] | undefined) ?? []) rewrite(sub);
  for (const key of MAPS) for (const sub of Object.values((schema[key] as Record<string, Schema> | undefined) ?? {})) rewrite(sub);
  if (!('nullable' in schema)) return schema;
  const nullable = schema.nullable === true;
  delete schema.nullable;
  if (!nullable) return schema;
  if (typeof schema.type === 'string' && !schema.$ref) {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum)) schema.enum = [...(schema.enum as unknown[]), null];
    return schema;
  }
  // A reference or a composition: its siblings stay beside the union, which only adds null.
  const { description, example, default: byDefault, ...rest } = schema;
  for (const key of Object.keys(schema)) delete schema[key];
  Object.assign(schema, { anyOf: [rest, { type: 'null' }] }, description === undefined ? {} : { description }, example === undefined ? {} : { example }, byDefault === undefined ? {} : { default: byDefault });
  return schema;
}
