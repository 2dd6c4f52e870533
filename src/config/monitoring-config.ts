/** How the monitor watches AVAILABLE clusters; read from the environment with the rest of the config. */
export interface MonitoringConfig {
  /** Pause between two health probes of one cluster (HERD_MONITOR_INTERVAL_MS). */
  intervalMs: number;
  /** Recent samples kept per cluster (HERD_MONITOR_SAMPLES). */
  samplesKept: number;
}

type Integer = (name: string, fallback: number, min: number, max: number) => number;

export function loadMonitoringConfig(integer: Integer): MonitoringConfig {
  return {
    intervalMs: integer('HERD_MONITOR_INTERVAL_MS', 15_000, 100, 24 * 3600_000),
    samplesKept: integer('HERD_MONITOR_SAMPLES', 20, 1, 1_000),
  };
}
