import type { HealthFigures } from '../observation';

/**
 * What a policy can watch: the ResourceManager's load as the monitor's last probe read it
 * (`/ws/v1/cluster/metrics`). Providers whose nodes herd cannot reach give no figures, so their
 * policies never fire.
 */
export const AUTOSCALING_METRICS = {
  containersPending: (figures: HealthFigures) => figures.yarn?.containersPending,
  appsPending: (figures: HealthFigures) => figures.yarn?.appsPending,
  memoryUsedPercent: (figures: HealthFigures) => (figures.yarn && figures.yarn.totalMB > 0 ? (100 * figures.yarn.allocatedMB) / figures.yarn.totalMB : undefined),
  availableMB: (figures: HealthFigures) => figures.yarn?.availableMB,
} as const;

export type AutoscalingMetric = keyof typeof AUTOSCALING_METRICS;
export const AUTOSCALING_METRIC_NAMES = Object.keys(AUTOSCALING_METRICS) as AutoscalingMetric[];
