import { describe, expect, it } from 'vitest';
import { pickMicroversion } from './microversion';

describe('pickMicroversion', () => {
  it('picks the highest version both sides speak', () => {
    expect(pickMicroversion({ min: '2.1', max: '2.93' }, { min: '2.37', max: '2.79' })).toBe('2.79');
    expect(pickMicroversion({ min: '2.1', max: '2.60' }, { min: '2.37', max: '2.79' })).toBe('2.60');
    expect(pickMicroversion({ min: '2.1', max: '2.9' }, { min: '2.37', max: '2.79' })).toBeUndefined();
  });
});
