import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import type { FieldProblem } from '../../common/errors/domain-error';
import { compileObjectSchema, HERD_REASON, type JsonSchema } from '../spi';

/** A path of property names from the parameters' root to one value, e.g. `['tls', 'key']`. */
export type ParameterPath = string[];

const SECRET = 'x-secret';

/**
 * A provider's credential schema, compiled once. Secret fields are the properties marked
 * `"x-secret": true` that can be reached from the root through `properties` alone (nested
 * objects included); a mark anywhere else (inside `items`, `oneOf`, `$defs` ...) is refused,
 * because herd could not tell which values to encrypt.
 */
export class CredentialSchema {
  readonly secretPaths: ParameterPath[];
  private readonly validateFn: ValidateFunction;

  private constructor(readonly schema: JsonSchema, validate: ValidateFunction, secretPaths: ParameterPath[]) {
    this.validateFn = validate;
    this.secretPaths = secretPaths;
  }

  /** Compiles the schema; throws an Error saying what is wrong with it. */
  static compile(schema: JsonSchema): CredentialSchema {
    const validate = compileObjectSchema('credentialSchema', schema, { verbose: true, annotations: [HERD_REASON] });
    const secretPaths = secretPathsOf(schema, []);
    const marks = countSecretMarks(schema);
    if (marks !== secretPaths.length) {
      throw new Error(`credentialSchema marks ${marks - secretPaths.length} "${SECRET}" field(s) outside nested "properties" (in items, combinators or $defs), which herd cannot encrypt`);
    }
    return new CredentialSchema(schema, validate, secretPaths);
  }

  /** Problems with `parameters`, each with a field path under `prefix` (e.g. `parameters.latencyMs`). */
  validate(parameters: unknown, prefix = 'parameters'): FieldProblem[] {
    const unstorable = nulCharacterProblems(parameters, prefix);
    if (unstorable.length > 0) return unstorable;
    if (this.validateFn(parameters)) return [];
    const problems = (this.validateFn.errors ?? []).map((error) => problemOf(error, prefix));
    return problems.filter((problem, index) => problems.findIndex((other) => other.field === problem.field && other.reason === problem.reason) === index);
  }
}

function problemOf(error: ErrorObject, prefix: string): FieldProblem {
  const segments = error.instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return { field: fieldPath(prefix, [...segments, String(params.missingProperty)]), reason: 'is required' };
  if (error.keyword === 'additionalProperties') return { field: fieldPath(prefix, [...segments, String(params.additionalProperty)]), reason: 'is not a known field' };
  const annotated = (error.parentSchema as JsonSchema | undefined)?.[HERD_REASON];
  return { field: fieldPath(prefix, segments), reason: typeof annotated === 'string' ? annotated : (error.message ?? 'is invalid') };
}

function fieldPath(prefix: string, segments: string[]): string {
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), prefix);
}

/** PostgreSQL's jsonb cannot hold U+0000, so such text is refused up front rather than failing the insert. */
function nulCharacterProblems(node: unknown, path: string): FieldProblem[] {
  if (typeof node === 'string') return node.includes('\u0000') ? [{ field: path, reason: 'must not contain NUL characters' }] : [];
  if (Array.isArray(node)) return node.flatMap((item, index) => nulCharacterProblems(item, `${path}[${index}]`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key.includes('\u0000') ? [{ field: path, reason: 'must not have a field name with NUL characters' }] : nulCharacterProblems(value, `${path}.${key}`),
  );
}

function secretPathsOf(schema: JsonSchema, at: ParameterPath): ParameterPath[] {
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  const paths: ParameterPath[] = [];
  for (const [name, child] of Object.entries(properties as Record<string, JsonSchema>)) {
    if (typeof child !== 'object' || child === null) continue;
    if (child[SECRET] === true) paths.push([...at, name]);
    else paths.push(...secretPathsOf(child, [...at, name]));
  }
  return paths;
}

function countSecretMarks(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((sum: number, item) => sum + countSecretMarks(item), 0);
  if (typeof node !== 'object' || node === null) return 0;
  return Object.entries(node).reduce((sum, [key, value]) => sum + (key === SECRET && value === true ? 1 : 0) + countSecretMarks(value), 0);
}
