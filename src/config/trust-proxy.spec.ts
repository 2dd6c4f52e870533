import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from './trust-proxy';

function parsed(raw: string): { value: unknown; problems: string[] } {
  const problems: string[] = [];
  return { value: parseTrustProxy(raw, problems), problems };
}

describe('parseTrustProxy', () => {
  it.each([
    ['', false],
    ['false', false],
    ['true', true],
    ['2', 2],
    ['loopback', ['loopback']],
    ['loopback, uniquelocal ,10.0.0.0/8', ['loopback', 'uniquelocal', '10.0.0.0/8']],
    ['192.0.2.1,2001:db8::/32,linklocal', ['192.0.2.1', '2001:db8::/32', 'linklocal']],
  ])('reads "%s"', (raw, expected) => {
    expect(parsed(raw)).toEqual({ value: expected, problems: [] });
  });

  it.each(['yes', '10.0.0.0/33', '1.2', 'loopback,proxy.example.com', '101', '-1'])('names "%s" as invalid', (raw) => {
    const { problems } = parsed(raw);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^HERD_TRUST_PROXY /);
  });
});
