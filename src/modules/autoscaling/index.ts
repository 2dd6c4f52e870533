export { Autoscaler } from './autoscaler';
export { AutoscalingPolicy } from './autoscaling-policy.entity';
export { AutoscalingWorkerModule } from './autoscaling-worker.module';
export { AutoscalingModule } from './autoscaling.module';
