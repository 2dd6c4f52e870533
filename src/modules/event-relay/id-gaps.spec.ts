import { describe, expect, it } from 'vitest';
import { IdGaps } from './id-gaps';

describe('IdGaps', () => {
  it('lets ids through while they run on from the last relayed one', () => {
    expect(new IdGaps(1000, () => 0).relayable([5n, 6n, 7n], 4n)).toBe(3);
  });

  it('stops at a gap until the grace has passed, then lets the rest through', () => {
    let now = 0;
    const gaps = new IdGaps(1000, () => now);
    expect(gaps.relayable([5n, 7n, 8n], 4n)).toBe(1);
    expect(gaps.relayable([7n, 8n], 5n)).toBe(0);
    now = 999;
    expect(gaps.relayable([7n, 8n], 5n)).toBe(0);
    now = 1000;
    expect(gaps.relayable([7n, 8n], 5n)).toBe(2);
  });

  it('relays at once an event that came after the gap it left was passed', () => {
    expect(new IdGaps(1000, () => 0).relayable([6n, 9n], 8n)).toBe(2);
  });
});
