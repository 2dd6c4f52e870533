import { createHash } from 'node:crypto';

/**
 * SHA-256 of the parameters as canonical JSON (keys sorted at every depth, undefined left out):
 * the same parameters in any order give the same fingerprint, any changed value (a rotated
 * secret, another region) another one. Kept in memory only, never shown.
 */
export function credentialFingerprint(parameters: object): string {
  return createHash('sha256').update(canonicalJson(parameters)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
