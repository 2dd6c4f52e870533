/** How the monitor watches AVAILABLE clusters; read from the environment with the rest of the config. */
export interface MonitoringConfig {
  /** Pause between two health probes of one cluster (HERD_MONITOR_INTERVAL_MS). */
  intervalMs: number;
  /**
   * Probe intervals a cluster may miss before its health turns UNKNOWN (HERD_MONITOR_STALE_AFTER_PROBES):
   * health is never shown on stale data, whatever lost the probes (Redis, every worker down).
   */
  staleAfterProbes: number;
  /** Recent samples kept per cluster (HERD_MONITOR_SAMPLES). */
  samplesKept: number;
  /**
   * A node that reports its own health (OpenStack VMs) and has been silent this long counts as
   * unknown (HERD_MONITOR_NODE_SILENCE_MS); nodes report every 60 s.
   */
  nodeSilenceMs: number;
  /** How long a node of an `auto` recovery host group stays lost before the monitor requests a repair (HERD_AUTO_RECOVERY_AFTER_MS). */
  recoveryAfterMs: number;
}

type Integer = (name: string, fallback: number, min: number, max: number) => number;

export function loadMonitoringConfig(integer: Integer): MonitoringConfig {
  return {
    intervalMs: integer('HERD_MONITOR_INTERVAL_MS', 15_000, 100, 24 * 3600_000),
    staleAfterProbes: integer('HERD_MONITOR_STALE_AFTER_PROBES', 3, 2, 1_000),
    samplesKept: integer('HERD_MONITOR_SAMPLES', 20, 1, 1_000),
    nodeSilenceMs: integer('HERD_MONITOR_NODE_SILENCE_MS', 300_000, 1_000, 24 * 3600_000),
    recoveryAfterMs: integer('HERD_AUTO_RECOVERY_AFTER_MS', 120_000, 0, 24 * 3600_000),
  };
}
