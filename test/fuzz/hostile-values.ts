import type { Prng } from './prng';

/** Strings that have broken web services before: injections, traversal, odd Unicode, format tricks. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  "' OR '1'='1",
  "'; DROP TABLE tenants; --",
  '"; SELECT pg_sleep(10); --',
  '1; UPDATE api_keys SET role = \'admin\'',
  '$where',
  '{"$gt": ""}',
  '__proto__',
  'constructor',
  'prototype',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%00',
  '\u0000',
  '\u0000\u0001\u0002\u001f',
  '<script>alert(1)</script>',
  '${jndi:ldap://169.254.169.254/a}',
  '{{7*7}}',
  '%s%s%s%n',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil',
  'Ω≈ç√∫˜µ≤≥÷',
  '🐘🐘🐘',
  'ａｄｍｉｎ',
  'default',
  'admin',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  'http://169.254.169.254/latest/meta-data/',
  'unix:///var/run/docker.sock',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '\r\nX-Injected: 1',
  'a'.repeat(300),
];

export function hostileString(rng: Prng): string {
  const roll = rng.next();
  if (roll < 0.6) return rng.pick(HOSTILE_STRINGS);
  if (roll < 0.8) return randomUnicode(rng, rng.int(1, 64));
  return rng.pick(['x', 'é', '🐘', "'", '\\', '%']).repeat(rng.int(1_000, 20_000));
}

export function randomUnicode(rng: Prng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const kind = rng.int(0, 4);
    const code = [rng.int(0x20, 0x7e), rng.int(0, 0x1f), rng.int(0x80, 0x7ff), rng.int(0x800, 0xfffd), rng.int(0x1f300, 0x1faff)][kind]!;
    out += String.fromCodePoint(code);
  }
  return out;
}

/** Any JSON value, hostile where it can be. */
export function hostileValue(rng: Prng, depth = 0): unknown {
  const kinds = ['string', 'number', 'bool', 'null', 'array', 'object'] as const;
  const kind = depth > 3 ? rng.pick(kinds.slice(0, 4)) : rng.pick(kinds);
  switch (kind) {
    case 'string':
      return hostileString(rng);
    case 'number':
      return rng.pick([0, -1, 1.5, -0.000001, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER, 3.14159]);
    case 'bool':
      return rng.chance(0.5);
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: rng.int(0, 5) }, () => hostileValue(rng, depth + 1));
    case 'object':
      return Object.fromEntries(Array.from({ length: rng.int(0, 5) }, () => [rng.pick(HOSTILE_STRINGS).slice(0, 40) || 'k', hostileValue(rng, depth + 1)]));
  }
}

/** `{"a":{"a":...}}` or `[[[...]]]` nested `depth` levels, as JSON text. */
export function deeplyNested(rng: Prng, depth: number): string {
  if (rng.chance(0.5)) return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}
