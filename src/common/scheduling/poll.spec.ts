import { describe, expect, it } from 'vitest';
import { pollUntil } from './poll';

describe('pollUntil', () => {
  it('reads until the reading is the one waited for', async () => {
    let reads = 0;
    const result = await pollUntil(async () => ++reads, (value) => value === 3, { deadline: Date.now() + 5_000, intervalMs: 1 });
    expect(result).toEqual({ value: 3, done: true });
  });

  it('stops at the deadline with the last reading, and doubles its pauses up to the cap', async () => {
    const at: number[] = [];
    const started = Date.now();
    const result = await pollUntil(async () => at.push(Date.now() - started), () => false, { deadline: started + 200, intervalMs: 10, maxIntervalMs: 40 });
    expect(result.done).toBe(false);
    expect(result.value).toBe(at.length);
    const gaps = at.slice(1).map((time, i) => time - at[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(9);
    expect(gaps[1]).toBeGreaterThanOrEqual(19);
    expect(Math.max(...gaps)).toBeLessThan(40 + 30);
    expect(at.at(-1)!).toBeLessThanOrEqual(200);
  });
});
