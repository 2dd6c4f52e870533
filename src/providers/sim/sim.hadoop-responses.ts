import { IDLE_WORKLOAD, type SimWorkload } from './sim.store';
import type { SimClusterFigures } from './sim.figures';
import type { SimNodeState } from './sim.record';

/** The Hadoop release the simulated daemons claim to be. */
const HADOOP_VERSION = '3.3.6';

export interface JmxBean {
  name: string;
  modelerType: string;
  [attribute: string]: unknown;
}

/** NameNode beans shaped like Hadoop 3's `/jmx` (FSNamesystemState, NameNodeInfo, NameNodeStatus). */
export function nameNodeBeans(tag: string, figures: SimClusterFigures): JmxBean[] {
  const safemode = figures.liveDataNodes === 0 && figures.deadDataNodes > 0;
  const remaining = figures.capacityTotal - figures.capacityUsed;
  return [
    {
      name: 'Hadoop:service=NameNode,name=FSNamesystemState',
      modelerType: 'org.apache.hadoop.hdfs.server.namenode.FSNamesystem',
      CapacityTotal: figures.capacityTotal,
      CapacityUsed: figures.capacityUsed,
      CapacityRemaining: remaining,
      ProvidedCapacityTotal: 0,
      TotalLoad: figures.liveDataNodes,
      BlocksTotal: 0,
      FilesTotal: 1,
      PendingReplicationBlocks: 0,
      UnderReplicatedBlocks: 0,
      ScheduledReplicationBlocks: 0,
      PendingDeletionBlocks: 0,
      FSState: safemode ? 'safeMode' : 'Operational',
      NumLiveDataNodes: figures.liveDataNodes,
      NumDeadDataNodes: figures.deadDataNodes,
      NumDecomLiveDataNodes: 0,
      NumDecomDeadDataNodes: 0,
      NumDecommissioningDataNodes: 0,
      NumStaleDataNodes: 0,
      NumStaleStorages: 0,
      VolumeFailuresTotal: 0,
      EstimatedCapacityLostTotal: 0,
    },
    {
      name: 'Hadoop:service=NameNode,name=NameNodeInfo',
      modelerType: 'org.apache.hadoop.hdfs.server.namenode.FSNamesystem',
      Total: figures.capacityTotal,
      Used: figures.capacityUsed,
      Free: remaining,
      PercentUsed: figures.capacityTotal ? (100 * figures.capacityUsed) / figures.capacityTotal : 0,
      Safemode: safemode ? 'Safe mode is ON. The reported blocks 0 needs additional 0 blocks to reach the threshold. Waiting for DataNodes to report.' : '',
      Version: `${HADOOP_VERSION}, simulated`,
      ClusterId: `CID-${tag}`,
      // Hadoop serialises these two maps as JSON strings inside the bean.
      LiveNodes: JSON.stringify(Object.fromEntries(figures.liveDataNodeHosts.map((name) => [`${name}:9866`, { adminState: 'In Service', lastContact: 0 }]))),
      DeadNodes: JSON.stringify(Object.fromEntries(figures.deadDataNodeHosts.map((name) => [`${name}:9866`, { adminState: 'In Service', decommissioned: false }]))),
    },
    {
      name: 'Hadoop:service=NameNode,name=NameNodeStatus',
      modelerType: 'org.apache.hadoop.hdfs.server.namenode.NameNode',
      State: 'active',
      NNRole: 'NameNode',
      SecurityEnabled: false,
    },
  ];
}

export function dataNodeBeans(tag: string, node: SimNodeState): JmxBean[] {
  return [
    {
      name: 'Hadoop:service=DataNode,name=DataNodeInfo',
      modelerType: 'org.apache.hadoop.hdfs.server.datanode.DataNode',
      Version: HADOOP_VERSION,
      ClusterId: `CID-${tag}`,
      XceiverCount: 1,
      DatanodeHostname: node.record.name,
    },
  ];
}

/** A minimal bean for daemons whose `/jmx` herd only uses as a liveness probe. */
export function jvmBeans(service: string): JmxBean[] {
  return [{ name: `Hadoop:service=${service},name=JvmMetrics`, modelerType: 'JvmMetrics', MemHeapUsedM: 128, ThreadsRunnable: 8 }];
}

/** ResourceManager `/ws/v1/cluster/metrics`, with the field names of the Cluster Metrics API. */
export function clusterMetrics(figures: SimClusterFigures, workload: SimWorkload = IDLE_WORKLOAD): { clusterMetrics: Record<string, number> } {
  const allocatedMB = Math.min(workload.allocatedMB, figures.totalMb);
  return {
    clusterMetrics: {
      appsSubmitted: 0,
      appsCompleted: 0,
      appsPending: workload.appsPending,
      appsRunning: 0,
      appsFailed: 0,
      appsKilled: 0,
      reservedMB: 0,
      availableMB: figures.totalMb - allocatedMB,
      allocatedMB,
      reservedVirtualCores: 0,
      availableVirtualCores: figures.totalVirtualCores,
      allocatedVirtualCores: 0,
      containersAllocated: 0,
      containersReserved: 0,
      containersPending: workload.containersPending,
      totalMB: figures.totalMb,
      totalVirtualCores: figures.totalVirtualCores,
      totalNodes: figures.activeNodeManagers + figures.unhealthyNodeManagers + figures.lostNodeManagers,
      activeNodes: figures.activeNodeManagers,
      lostNodes: figures.lostNodeManagers,
      unhealthyNodes: figures.unhealthyNodeManagers,
      decommissioningNodes: 0,
      decommissionedNodes: 0,
      rebootedNodes: 0,
      shutdownNodes: figures.shutdownNodeManagers,
    },
  };
}

export function clusterInfo(tag: string, startedOn: number): { clusterInfo: Record<string, unknown> } {
  return {
    clusterInfo: {
      id: startedOn,
      startedOn,
      state: 'STARTED',
      haState: 'ACTIVE',
      resourceManagerVersion: HADOOP_VERSION,
      hadoopVersion: HADOOP_VERSION,
      clusterTag: tag,
    },
  };
}

/** NodeManager `/ws/v1/node/info`. */
export function nodeInfo(node: SimNodeState): { nodeInfo: Record<string, unknown> } {
  const { record } = node;
  return {
    nodeInfo: {
      id: `${record.name}:8041`,
      nodeHostName: record.name,
      nodeHealthy: true,
      healthReport: '',
      lastNodeUpdateTime: Date.now(),
      nmStartupTime: node.power?.at ?? record.createdAt,
      totalPmemAllocatedContainersMB: record.memoryMb,
      totalVCoresAllocatedContainers: record.cpus,
      nodeManagerVersion: HADOOP_VERSION,
      hadoopVersion: HADOOP_VERSION,
    },
  };
}
