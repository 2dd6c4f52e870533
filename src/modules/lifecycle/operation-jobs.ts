import type { JobName } from '../../queue/job-catalogue';
import type { OperationType } from './operation.entity';

/** The job that carries out each kind of operation. */
export const OPERATION_JOBS: Readonly<Record<OperationType, JobName>> = {
  create: 'cluster.create',
  scale: 'cluster.scale',
  stop: 'cluster.stop',
  start: 'cluster.start',
  delete: 'cluster.delete',
  repair: 'cluster.repair',
};
