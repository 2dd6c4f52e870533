/** How workers run operations; read from the environment with the rest of the config. */
export interface OperationsConfig {
  /** Jobs one worker process runs at once (HERD_WORKER_CONCURRENCY). */
  workerConcurrency: number;
  /** How long a job's lock lasts without renewal; a killed worker's job is taken over after about this long (HERD_JOB_LOCK_MS). */
  jobLockMs: number;
  /** An operation that has not converged by then fails (HERD_OPERATION_TIMEOUT_MS). */
  operationTimeoutMs: number;
  /** Provider calls one worker process makes at once per provider (HERD_PROVIDER_CONCURRENCY). */
  providerConcurrency: number;
  /** Nodes per provider `apply` call (HERD_APPLY_BATCH_SIZE). */
  applyBatchSize: number;
  /** Longest pause between two observations while waiting for nodes (HERD_POLL_MAX_MS). */
  pollMaxMs: number;
  /** Pause between two recovery sweeps, which enqueue again the operations whose job was lost (HERD_OPERATION_SWEEP_MS). */
  sweepEveryMs: number;
}

type Integer = (name: string, fallback: number, min: number, max: number) => number;

export function loadOperationsConfig(integer: Integer): OperationsConfig {
  return {
    workerConcurrency: integer('HERD_WORKER_CONCURRENCY', 50, 1, 10_000),
    jobLockMs: integer('HERD_JOB_LOCK_MS', 30_000, 1_000, 600_000),
    operationTimeoutMs: integer('HERD_OPERATION_TIMEOUT_MS', 30 * 60_000, 1_000, 24 * 3600_000),
    providerConcurrency: integer('HERD_PROVIDER_CONCURRENCY', 16, 1, 1_000),
    applyBatchSize: integer('HERD_APPLY_BATCH_SIZE', 10, 1, 1_000),
    pollMaxMs: integer('HERD_POLL_MAX_MS', 2_000, 10, 60_000),
    sweepEveryMs: integer('HERD_OPERATION_SWEEP_MS', 30_000, 500, 3600_000),
  };
}
