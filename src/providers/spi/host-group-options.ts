import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { compileObjectSchema } from './object-schema';
import type { JsonSchema, PreflightProblem } from './provider';

/**
 * Annotation of a (sub)schema: the reason herd gives when the value it describes is refused, in
 * place of JSON Schema's generic words ("must be an integer from 0 to 100" rather than "must be <= 100").
 */
export const HERD_REASON = 'x-herd-reason';

/** Keywords whose failure ajv also reports from inside their branches; the branches' errors are noise. */
const COMBINATORS = new Set(['oneOf', 'anyOf', 'propertyNames']);

const compiled = new WeakMap<JsonSchema, HostGroupOptionsSchema>();

/**
 * A provider's JSON Schema (draft 2020-12) of one host group's `options`, compiled once. The API
 * checks every request against it, and the adapter reads the options through it, so what is
 * refused at request time and what the adapter accepts come from one description.
 */
export class HostGroupOptionsSchema {
  private constructor(
    readonly schema: JsonSchema,
    private readonly validateFn: ValidateFunction,
  ) {}

  /** The compiled schema (compiled on first use); throws an Error saying what is wrong with it. */
  static of(schema: JsonSchema): HostGroupOptionsSchema {
    let found = compiled.get(schema);
    if (!found) {
      found = new HostGroupOptionsSchema(schema, compile(schema));
      compiled.set(schema, found);
    }
    return found;
  }

  /** Every problem of one host group's options, each field under `field` (e.g. `hostGroups[1].options`). */
  problems(options: unknown, field: string): PreflightProblem[] {
    if (this.validateFn(options)) return [];
    const reasons = new Map<string, { reason: string; annotated: boolean }>();
    for (const error of withoutBranchNoise(this.validateFn.errors ?? [])) {
      const problem = problemOf(error, field);
      const known = reasons.get(problem.field);
      if (!known || (problem.annotated && !known.annotated)) reasons.set(problem.field, problem);
    }
    return [...reasons].map(([at, { reason }]) => ({ field: at, reason }));
  }

  /**
   * The options an adapter reads: the entries that passed, and the problems of the others. With
   * `ownOnly`, keys the schema does not name are left out unchecked instead of refused, for a
   * reader of options shared with another reader (Nova's options, read on Heat beside Heat's own).
   */
  read(options: Record<string, unknown> | undefined, field: string, { ownOnly = false } = {}): { accepted: Record<string, unknown>; problems: PreflightProblem[] } {
    const own = new Set(Object.keys((this.schema.properties as object | undefined) ?? {}));
    const given = Object.entries(options ?? {}).filter(([key]) => !ownOnly || own.has(key));
    const problems = this.problems(Object.fromEntries(given), field);
    const refused = (key: string) => problems.some(({ field: at }) => at === `${field}.${key}` || at.startsWith(`${field}.${key}.`) || at.startsWith(`${field}.${key}[`));
    return { accepted: Object.fromEntries(given.filter(([key]) => !refused(key))), problems };
  }
}

function compile(schema: JsonSchema): ValidateFunction {
  return compileObjectSchema('hostGroupOptionsSchema', schema, { verbose: true, annotations: [HERD_REASON] });
}

/** Drops `if` (its `then` or `else` says what failed) and what failed inside a failed oneOf, anyOf or propertyNames. */
function withoutBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((error) => COMBINATORS.has(error.keyword)).map((error) => `${error.schemaPath}/`);
  return errors.filter((error) => error.keyword !== 'if' && !combinators.some((path) => error.schemaPath.startsWith(path)));
}

function problemOf(error: ErrorObject, root: string): PreflightProblem & { annotated: boolean } {
  const at = fieldPath(root, error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return { field: `${at}.${String(params.missingProperty)}`, reason: 'is required', annotated: false };
  if (error.keyword === 'additionalProperties') {
    const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
    const reason = `is not a known option (${known.length > 0 ? `known: ${known.join(', ')}` : 'none are accepted'})`;
    return { field: `${at}.${String(params.additionalProperty)}`, reason, annotated: false };
  }
  const annotation = error.parentSchema?.[HERD_REASON];
  if (typeof annotation === 'string') return { field: at, reason: annotation, annotated: true };
  if (error.keyword === 'enum') return { field: at, reason: `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`, annotated: false };
  if (error.keyword === 'propertyNames') return { field: at, reason: `has a name that is not allowed: ${String(params.propertyName)}`, annotated: false };
  return { field: at, reason: error.message ?? 'is invalid', annotated: false };
}

function fieldPath(root: string, instancePath: string): string {
  const segments = instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), root);
}
