export { CLUSTER_HEALTHS, CLUSTER_STATUSES, type ClusterHealth, type ClusterStatus } from './cluster-state-machine';
export { CLUSTER_NAME, type ClusterWithParts, findCluster, findClusterWithParts } from './cluster-lookup';
export { type ClusterChange, ClusterStore } from './cluster-store';
export { Cluster, type DesiredHostGroup, type HostGroupOptions, type PartialFailurePolicy, RECOVERY_MODES, type RecoveryMode } from './cluster.entity';
export { LifecycleModule } from './lifecycle.module';
export { ClusterNode } from './node.entity';
export { OperationIntake, type Requested } from './operation-intake';
export { OPERATION_KINDS } from './operation-kinds';
export { Operation, paramsOf, UNFINISHED_OPERATION } from './operation.entity';
