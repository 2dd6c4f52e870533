import { describe, expect, it } from 'vitest';
import { RepeatingTask } from './repeating-task';

describe('RepeatingTask', () => {
  it('never starts a run while the previous one is going, and stops after the run in progress', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const task = new RepeatingTask(async () => {
      running++;
      most = Math.max(most, running);
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 30));
      running--;
    }, 1);
    task.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await task.stop();
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(most).toBe(1);
    expect(after).toBeGreaterThan(2);
    expect(runs).toBe(after);
    expect(running).toBe(0);
  });

  it('goes on after a run that failed', async () => {
    let runs = 0;
    const task = new RepeatingTask(async () => {
      runs++;
      throw new Error('boom');
    }, 1);
    task.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await task.stop();
    expect(runs).toBeGreaterThan(1);
  });
});
