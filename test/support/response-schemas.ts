import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from './openapi-routes';

type Schema = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';
const DOCUMENT_ID = 'herd-openapi';
/** Keywords of OpenAPI 3.0 that only annotate; ajv in strict mode refuses keywords it does not know. */
const ANNOTATIONS = ['example', 'x-enumNames'];
/** Where a schema holds schemas (not examples or defaults, which are plain values). */
const SUBSCHEMA_MAPS = ['properties', '$defs'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SUBSCHEMAS = ['items', 'additionalProperties', 'not'];

/**
 * The response schemas of herd's OpenAPI document as JSON Schema 2020-12, to check real answers:
 * @nestjs/swagger writes OpenAPI 3.0, whose `nullable: true` becomes a union with `null` here.
 */
export class ResponseSchemas {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly definitions: Record<string, Schema>;
  private readonly validators = new Map<Schema, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addVocabulary(ANNOTATIONS);
    this.definitions = Object.fromEntries(Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [name, toJsonSchema(schema)]));
    this.ajv.addSchema({ $id: DOCUMENT_ID, $defs: this.definitions });
  }

  /** What is wrong with one answer: ajv's errors, then every key its schema does not declare. */
  problemsOf(openApiSchema: Schema, body: unknown): string[] {
    const schema = toJsonSchema(openApiSchema);
    let validate = this.validators.get(openApiSchema);
    if (!validate) {
      try {
        validate = this.ajv.compile(schema);
      } catch (error) {
        return [`the schema does not compile: ${(error as Error).message}`];
      }
      this.validators.set(openApiSchema, validate);
    }
    const invalid = validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message} (${error.schemaPath})`);
    return [...invalid, ...this.undeclaredKeys(body, schema, '')];
  }

  /** Keys of the answer, at any depth, that the schema does not name: a view returning more than its class says. */
  private undeclaredKeys(value: unknown, schema: Schema, at: string): string[] {
    const resolved = this.resolve(schema);
    if (value === null || typeof value !== 'object') return [];
    const branches = ((resolved.anyOf ?? resolved.oneOf) as Schema[] | undefined)?.filter((branch) => branch.type !== 'null');
    if (branches) {
      const findings = branches.map((branch) => this.undeclaredKeys(value, branch, at));
      return findings.find((found) => found.length === 0) ?? findings[0] ?? [];
    }
    if (Array.isArray(value)) {
      const items = resolved.items as Schema | undefined;
      return items ? value.flatMap((item, index) => this.undeclaredKeys(item, items, `${at}/${index}`)) : [`${at || '/'} is an array whose items the schema does not describe`];
    }
    const { properties, additional } = this.objectShape(resolved);
    if (Object.keys(properties).length === 0 && additional === true) return [];
    return Object.entries(value).flatMap(([key, child]) => {
      const declared = properties[key] ?? (typeof additional === 'object' ? additional : undefined);
      if (declared) return this.undeclaredKeys(child, declared, `${at}/${key}`);
      return additional === true ? [] : [`${at}/${key} is not declared by the schema`];
    });
  }

  /** The properties an object schema declares, its own and those of the schemas it is made of (allOf). */
  private objectShape(schema: Schema): { properties: Record<string, Schema>; additional: Schema | boolean | undefined } {
    const parts = [schema, ...((schema.allOf as Schema[] | undefined) ?? []).map((part) => this.resolve(part))];
    const properties = Object.assign({}, ...parts.map((part) => part.properties ?? {})) as Record<string, Schema>;
    const additional = parts.map((part) => part.additionalProperties as Schema | boolean | undefined).find((found) => found !== undefined);
    return { properties, additional };
  }

  private resolve(schema: Schema): Schema {
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    return this.resolve(this.definitions[ref.slice(`${DOCUMENT_ID}#/$defs/`.length)] ?? {});
  }
}

/** OpenAPI 3.0 to JSON Schema 2020-12: `nullable` as a union with null, refs into the document's $defs. */
export function toJsonSchema(schema: Schema): Schema {
  const { nullable, ...rest } = schema;
  const converted: Schema = { ...rest };
  if (typeof rest.$ref === 'string') converted.$ref = `${DOCUMENT_ID}#/$defs/${rest.$ref.replace(COMPONENTS, '')}`;
  for (const key of SUBSCHEMA_MAPS) {
    if (rest[key]) converted[key] = Object.fromEntries(Object.entries(rest[key] as Record<string, Schema>).map(([name, sub]) => [name, toJsonSchema(sub)]));
  }
  for (const key of SUBSCHEMA_LISTS) {
    if (rest[key]) converted[key] = (rest[key] as Schema[]).map(toJsonSchema);
  }
  for (const key of SUBSCHEMAS) {
    if (rest[key] && typeof rest[key] === 'object') converted[key] = toJsonSchema(rest[key] as Schema);
  }
  if (nullable !== true) return converted;
  if (converted.type === undefined || converted.$ref || converted.allOf || converted.anyOf || converted.oneOf) return { anyOf: [converted, { type: 'null' }] };
  return { ...converted, type: [converted.type, 'null'], ...(converted.enum ? { enum: [...(converted.enum as unknown[]), null] } : {}) };
}
