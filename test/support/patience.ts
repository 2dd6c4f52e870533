import { cpus, loadavg } from 'node:os';

/**
 * How much longer than on a quiet machine the work may take here: the load per core, at least 1
 * and at most 4. Waits in tests are bounds on work that ends as soon as it can, so a longer bound
 * on a busy machine costs nothing when things go well.
 */
export function slowdown(): number {
  const perCore = loadavg()[0]! / Math.max(1, cpus().length);
  return Math.min(4, Math.max(1, perCore));
}

/** `quietMs` (what the work takes on a quiet machine, with a margin) scaled to this machine's load now. */
export function patience(quietMs: number): number {
  return Math.round(quietMs * slowdown());
}
