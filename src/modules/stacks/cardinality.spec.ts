import { describe, expect, it } from 'vitest';
import { allowsCount, parseCardinality } from './cardinality';

describe('Ambari cardinality', () => {
  it.each([
    ['1', 0, false],
    ['1', 1, true],
    ['1', 2, false],
    ['0-1', 0, true],
    ['1-2', 2, true],
    ['1-2', 3, false],
    ['1+', 0, false],
    ['1+', 40, true],
    ['0+', 0, true],
    ['3', 3, true],
  ])('%s allows %i hosts: %s', (text, count, allowed) => {
    expect(allowsCount(parseCardinality(text)!, count)).toBe(allowed);
  });

  it('reads ALL, JSON numbers and surrounding blanks', () => {
    expect(parseCardinality('ALL')).toMatchObject({ all: true });
    expect(parseCardinality('all')).toMatchObject({ all: true });
    expect(parseCardinality(6)).toMatchObject({ min: 6, max: 6 });
    expect(parseCardinality(' 1+ ')).toMatchObject({ min: 1, text: '1+' });
    expect(parseCardinality('1+')!.max).toBeUndefined();
  });

  it.each(['', 'one', '2-1', '-1', '1++', '1.5', '${slavesCount}', '1-', '+1'])('rejects %j', (text) => {
    expect(parseCardinality(text)).toBeUndefined();
  });

  it.each([null, true, {}, [], -1, 1.5])('rejects the non-string %j', (value) => {
    expect(parseCardinality(value)).toBeUndefined();
  });
});
