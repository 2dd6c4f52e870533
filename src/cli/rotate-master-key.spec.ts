import { describe, expect, it } from 'vitest';
import { parseRotationArgs, summaryOf } from './rotate-master-key';

describe('rotate-key command line', () => {
  it('reads --batch-size and --limit', () => {
    expect(parseRotationArgs([])).toEqual({});
    expect(parseRotationArgs(['--limit', '5', '--batch-size', '50'])).toEqual({ limit: 5, batchSize: 50 });
  });

  it('refuses unknown options and bad numbers with the usage', () => {
    expect(() => parseRotationArgs(['--limit', '0'])).toThrow(/--limit needs a positive integer\nusage/);
    expect(() => parseRotationArgs(['--force', '1'])).toThrow(/unknown option --force/);
    expect(() => parseRotationArgs(['--limit'])).toThrow(/positive integer/);
  });

  it('reports an incomplete rotation and what to do about unknown keys', () => {
    const summary = summaryOf({ toKeyId: 'k2', rotated: 3, remaining: 0, failed: [], unknownKeys: [{ keyId: 'k0', credentials: 2 }] });
    expect(summary.complete).toBe(false);
    expect(summary.lines.join('\n')).toContain('2 credential(s) are sealed under unknown key "k0"');
  });
});
