import type { ParameterPath } from '../../providers/registry';

/** What every secret value looks like in a response. */
export const SECRET_MASK = '********';

export type SecretValues = [ParameterPath, unknown][];

/** Separates the secret values (at `secretPaths`, when present) from the rest. */
export function splitSecrets(parameters: Record<string, unknown>, secretPaths: ParameterPath[]): { plain: Record<string, unknown>; secrets: SecretValues } {
  const plain = structuredClone(parameters);
  const secrets: SecretValues = [];
  for (const path of secretPaths) {
    const parent = parentOf(plain, path);
    const name = path[path.length - 1]!;
    if (parent && Object.hasOwn(parent, name)) {
      secrets.push([path, parent[name]]);
      delete parent[name];
    }
  }
  return { plain, secrets };
}

/** Puts secret values back into a copy of the plain parameters. */
export function mergeSecrets(plain: Record<string, unknown>, secrets: SecretValues): Record<string, unknown> {
  return withValuesAt(plain, secrets);
}

/** The parameters as responses show them: every secret present replaced by SECRET_MASK. */
export function maskSecrets(plain: Record<string, unknown>, presentPaths: ParameterPath[]): Record<string, unknown> {
  return withValuesAt(
    plain,
    presentPaths.map((path) => [path, SECRET_MASK]),
  );
}

function withValuesAt(plain: Record<string, unknown>, values: SecretValues): Record<string, unknown> {
  const copy = structuredClone(plain);
  for (const [path, value] of values) {
    let node = copy;
    for (const name of path.slice(0, -1)) {
      if (typeof node[name] !== 'object' || node[name] === null) node[name] = {};
      node = node[name] as Record<string, unknown>;
    }
    node[path[path.length - 1]!] = value;
  }
  return copy;
}

export function valueAt(root: Record<string, unknown>, path: ParameterPath): unknown {
  const parent = parentOf(root, path);
  return parent?.[path[path.length - 1]!];
}

function parentOf(root: Record<string, unknown>, path: ParameterPath): Record<string, unknown> | undefined {
  let node: unknown = root;
  for (const name of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[name];
  }
  return typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}
