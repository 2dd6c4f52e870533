import { describe, expect, it } from 'vitest';
import { forEachBounded } from './for-each-bounded';

describe('forEachBounded', () => {
  it('never runs more than the limit at once, and runs every item', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push(item);
      running -= 1;
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('lets every item settle, then throws the first failure', async () => {
    const done: number[] = [];
    const run = forEachBounded([1, 2, 3, 4], 2, async (item) => {
      if (item === 2) throw new Error('two failed');
      if (item === 4) throw new Error('four failed');
      done.push(item);
    });
    await expect(run).rejects.toThrow('two failed');
    expect(done.sort()).toEqual([1, 3]);
  });
});
