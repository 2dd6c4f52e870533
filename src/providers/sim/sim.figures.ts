import { simNodeHealthy, simNodeStatus } from './sim.mapper';
import type { SimNodeState } from './sim.record';

/** Simulated DataNode disk: 100 GiB per CPU of the instance type. */
const DISK_BYTES_PER_CPU = 100 * 1024 ** 3;

/** Cluster-wide figures as a NameNode and a ResourceManager would report them. */
export interface SimClusterFigures {
  liveDataNodes: number;
  deadDataNodes: number;
  liveDataNodeHosts: string[];
  deadDataNodeHosts: string[];
  capacityTotal: number;
  capacityUsed: number;
  activeNodeManagers: number;
  unhealthyNodeManagers: number;
  lostNodeManagers: number;
  shutdownNodeManagers: number;
  totalMb: number;
  totalVirtualCores: number;
}

/**
 * Live DataNodes are DATANODE components on RUNNING healthy nodes; dead ones were registered and
 * went away (stopped or crashed). NodeManagers likewise, with unhealthy ones on RUNNING nodes of an
 * unhealthy host group. Nodes still booting have not registered yet and count nowhere.
 */
export function simClusterFigures(states: SimNodeState[], now: number): SimClusterFigures {
  const figures: SimClusterFigures = {
    liveDataNodes: 0,
    deadDataNodes: 0,
    liveDataNodeHosts: [],
    deadDataNodeHosts: [],
    capacityTotal: 0,
    capacityUsed: 0,
    activeNodeManagers: 0,
    unhealthyNodeManagers: 0,
    lostNodeManagers: 0,
    shutdownNodeManagers: 0,
    totalMb: 0,
    totalVirtualCores: 0,
  };
  for (const state of states) {
    const { name, components, cpus, memoryMb } = state.record;
    const status = simNodeStatus(state, now);
    const healthy = simNodeHealthy(state, now);
    const gone = status === 'STOPPING' || status === 'STOPPED' || status === 'ERROR';
    if (components.includes('DATANODE')) {
      if (healthy) {
        figures.liveDataNodes++;
        figures.liveDataNodeHosts.push(name);
        figures.capacityTotal += cpus * DISK_BYTES_PER_CPU;
        figures.capacityUsed += 4096 * 1024;
      } else if (gone) {
        figures.deadDataNodes++;
        figures.deadDataNodeHosts.push(name);
      }
    }
    if (components.includes('NODEMANAGER')) {
      if (healthy) {
        figures.activeNodeManagers++;
        figures.totalMb += memoryMb;
        figures.totalVirtualCores += cpus;
      } else if (status === 'RUNNING') figures.unhealthyNodeManagers++;
      else if (status === 'ERROR') figures.lostNodeManagers++;
      else if (gone) figures.shutdownNodeManagers++;
    }
  }
  return figures;
}
