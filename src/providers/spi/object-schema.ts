import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { JsonSchema } from './provider';

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/**
 * Compiles a provider's JSON Schema (draft 2020-12) of an object, e.g. `credentialSchema`: unknown
 * keywords (typos) are errors, `x-…` annotations are not (`annotations` gives those with a string
 * value herd reads), and `required` inside oneOf/anyOf branches, a common valid pattern, is allowed.
 * Throws an Error naming `name` and what is wrong.
 */
export function compileObjectSchema(name: string, schema: JsonSchema, options: { verbose?: boolean; annotations?: string[] } = {}): ValidateFunction {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new Error(`${name} must be a JSON Schema object`);
  if (schema.$schema !== undefined && schema.$schema !== DRAFT_2020_12) throw new Error(`${name}.$schema must be "${DRAFT_2020_12}" (got "${String(schema.$schema)}")`);
  if (schema.type !== 'object') throw new Error(`${name} must describe an object ("type": "object")`);
  const ajv = new Ajv2020({ allErrors: true, verbose: options.verbose ?? false, strictSchema: true, strictNumbers: true, strictTypes: false, strictTuples: false, strictRequired: false });
  addFormats(ajv);
  const typed = new Set(options.annotations ?? []);
  for (const keyword of typed) ajv.addKeyword({ keyword, schemaType: 'string' });
  for (const keyword of annotationKeywordsIn(schema)) if (!typed.has(keyword)) ajv.addKeyword({ keyword, schemaType: ['boolean', 'string', 'number', 'object', 'array'] });
  try {
    return ajv.compile(schema);
  } catch (error) {
    throw new Error(`${name} is not a valid JSON Schema: ${(error as Error).message}`, { cause: error });
  }
}

function annotationKeywordsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => annotationKeywordsIn(item, found));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      annotationKeywordsIn(value, found);
    }
  }
  return found;
}
