/** Every BullMQ queue herd uses. */
export const QUEUE_NAMES = ['operations', 'monitoring', 'webhooks'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The payload of every job that carries out a cluster operation; the job id is the operation id. */
export interface OperationJobPayload {
  operationId: string;
  clusterId: string;
  tenantId: string;
}

/** The payload of the repeatable health probe of one AVAILABLE cluster. */
export interface ClusterProbePayload {
  clusterId: string;
  tenantId: string;
}

/** The payload of one webhook delivery (all its attempts); the job id is the delivery id. */
export interface WebhookDeliveryPayload {
  deliveryId: string;
  webhookId: string;
  tenantId: string;
  eventId: string;
}

/** Job name -> payload type. Adding a job here without registering its one handler stops boot. */
export interface JobPayloads {
  'cluster.create': OperationJobPayload;
  'cluster.scale': OperationJobPayload;
  'cluster.stop': OperationJobPayload;
  'cluster.start': OperationJobPayload;
  'cluster.delete': OperationJobPayload;
  'cluster.repair': OperationJobPayload;
  'cluster.probe': ClusterProbePayload;
  'webhook.deliver': WebhookDeliveryPayload;
}
export type JobName = keyof JobPayloads;

/** Which queue each job runs on. */
export const JOB_QUEUES: Readonly<Record<JobName, QueueName>> = {
  'cluster.create': 'operations',
  'cluster.scale': 'operations',
  'cluster.stop': 'operations',
  'cluster.start': 'operations',
  'cluster.delete': 'operations',
  'cluster.repair': 'operations',
  'cluster.probe': 'monitoring',
  'webhook.deliver': 'webhooks',
};

export const JOB_NAMES = Object.keys(JOB_QUEUES) as JobName[];

/** Retention on every job, so Redis never fills with history. */
export const JOB_RETENTION = {
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
} as const;

/** What a handler knows about the job it runs, beyond its payload. */
export interface JobContext {
  jobId: string;
  /** 1 for the first try. */
  attempt: number;
  /** The try after which BullMQ gives up. */
  maxAttempts: number;
  /**
   * Aborted when the worker shuts down and its grace period is over: a long handler stops at its
   * next step boundary by throwing `JobHandedBack`.
   */
  stopping: AbortSignal;
}

export interface JobHandler<N extends JobName = JobName> {
  readonly jobName: N;
  handle(payload: JobPayloads[N], context: JobContext): Promise<void>;
}

/** Boot-time check: every job name has exactly one handler, and no handler serves an unknown name. */
export function checkHandlers(handlers: readonly Pick<JobHandler, 'jobName'>[]): string[] {
  const problems: string[] = [];
  for (const name of JOB_NAMES) {
    const count = handlers.filter((handler) => handler.jobName === name).length;
    if (count === 0) problems.push(`job "${name}" has no handler`);
    if (count > 1) problems.push(`job "${name}" has ${count} handlers`);
  }
  for (const handler of handlers) {
    if (!(handler.jobName in JOB_QUEUES)) problems.push(`a handler serves "${handler.jobName}", which is not in the job catalogue`);
  }
  return problems;
}
