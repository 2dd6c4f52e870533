import { describe, expect, it } from 'vitest';
import { assertJsonDepthWithin, JsonTooDeep } from './json-depth';

const nested = (depth: number) => Buffer.from(`${'{"a":['.repeat(depth / 2)}1${']}'.repeat(depth / 2)}`);

describe('assertJsonDepthWithin', () => {
  it('accepts JSON up to the limit and refuses one level more', () => {
    expect(() => assertJsonDepthWithin(nested(64), 64)).not.toThrow();
    expect(() => assertJsonDepthWithin(nested(66), 64)).toThrow(JsonTooDeep);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: '[[[[{{{{', b: 'say \\"[[[[" and {{{{', c: [[['é🐘']]] });
    expect(() => assertJsonDepthWithin(Buffer.from(text), 4)).not.toThrow();
    expect(() => assertJsonDepthWithin(Buffer.from(text), 3)).toThrow(JsonTooDeep);
  });

  it('counts depth, not the number of objects', () => {
    const wide = JSON.stringify(Array.from({ length: 10_000 }, (_, i) => ({ i, tags: [i] })));
    expect(() => assertJsonDepthWithin(Buffer.from(wide), 3)).not.toThrow();
  });
});
