import { UsageError } from './exit-codes';

/** Splits `key=value`; the flag is named in the error so the user knows which one was wrong. */
export function splitKeyValue(pair: string, flag: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw new UsageError(`${flag} takes key=value; got "${pair}"`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

/** Collects a repeated option into a list (commander's accumulator). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Credential parameters from `--param key=value`: a dotted key nests (`tls.ca=...`), and a value
 * that reads as JSON (a number, true, an object) is taken as such, so `latencyMs=20` is a number
 * and `version='"20"'` the text 20.
 */
export function parametersFrom(pairs: string[]): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const pair of pairs) {
    const [key, raw] = splitKeyValue(pair, '--param');
    const path = key.split('.');
    let target = parameters;
    for (const part of path.slice(0, -1)) {
      const next = target[part];
      target = (target[part] = typeof next === 'object' && next !== null ? next : {}) as Record<string, unknown>;
    }
    target[path[path.length - 1]] = jsonOrText(raw);
  }
  return parameters;
}

function jsonOrText(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** A whole number of nodes, or a usage error naming what it was for. */
export function nodeCount(raw: string, what: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${what} must be a whole number of nodes; got "${raw}"`);
  return Number(raw);
}
