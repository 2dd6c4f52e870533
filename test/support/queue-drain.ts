import type { Queue } from 'bullmq';

export interface DrainOptions {
  /** Fail when nothing moved for this long while jobs remain. */
  stallMs?: number;
  timeoutMs?: number;
}

/**
 * Waits until the queues hold no waiting, active or delayed job. Fails, naming the jobs, when
 * the counts stop moving for `stallMs` (a stuck job) or the whole wait exceeds `timeoutMs`.
 */
export async function waitForQueuesToDrain(queues: Queue[], options: DrainOptions = {}): Promise<void> {
  const stallMs = options.stallMs ?? 20_000;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let last = '';
  let lastChange = Date.now();
  for (;;) {
    const counts = await Promise.all(queues.map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')));
    const pending = counts.reduce((sum, count) => sum + Object.values(count).reduce((a, b) => a + b, 0), 0);
    if (pending === 0) return;
    const signature = JSON.stringify(counts);
    if (signature !== last) {
      last = signature;
      lastChange = Date.now();
    }
    if (Date.now() - lastChange > stallMs || Date.now() > deadline) {
      const jobs = (await Promise.all(queues.map((queue) => queue.getJobs(['waiting', 'active', 'delayed'])))).flat();
      throw new Error(`queues did not drain (${Date.now() > deadline ? 'timeout' : 'stalled'}): ${jobs.map((job) => `${job.name} ${job.id}`).join(', ')} ${signature}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
