import type { Cluster, ClusterNode, Operation } from '../lifecycle';
import type { ClusterEvent } from '../events';
import { CLUSTER_STATUS_MEANINGS, type ClusterNodeView, type ClusterSummaryView, type ClusterView } from './cluster.response';
import type { ClusterEventView } from './cluster-event.response';
import type { OperationView } from './operation.response';

export function operationView(operation: Operation): OperationView {
  return {
    id: operation.id,
    clusterId: operation.clusterId,
    type: operation.type,
    status: operation.status,
    percent: operation.percent,
    step: operation.step,
    error: operation.error,
    createdAt: operation.createdAt,
    startedAt: operation.startedAt,
    finishedAt: operation.finishedAt,
    durationMs: operation.startedAt && operation.finishedAt ? operation.finishedAt.getTime() - operation.startedAt.getTime() : null,
  };
}

export function nodeView(node: ClusterNode): ClusterNodeView {
  return {
    name: node.name,
    index: node.index,
    status: node.status,
    statusReason: node.statusReason ?? undefined,
    providerId: node.providerId,
    addresses: node.addresses,
    components: node.components,
  };
}

export function clusterSummaryView(cluster: Cluster): ClusterSummaryView {
  return {
    id: cluster.id,
    name: cluster.name,
    status: cluster.status,
    statusReason: cluster.statusReason,
    health: cluster.health,
    provider: { kind: cluster.providerKind, variant: cluster.providerVariant },
    blueprintId: cluster.blueprintId,
    credentialId: cluster.credentialId,
    hostGroups: cluster.hostGroups,
    onFailure: cluster.onFailure,
    partialFailure: cluster.partialFailure,
    currentOperationId: cluster.currentOperationId,
    createdAt: cluster.createdAt,
    updatedAt: cluster.updatedAt,
  };
}

/** The reason an operation recorded, or what the status and the current step say in words. */
function statusReasonOf(cluster: Cluster, operation: Operation | null): string {
  if (cluster.statusReason) return cluster.statusReason;
  const running = operation && (operation.status === 'queued' || operation.status === 'running');
  return running && operation.step ? `${CLUSTER_STATUS_MEANINGS[cluster.status]}: ${operation.step} (${operation.percent}%)` : CLUSTER_STATUS_MEANINGS[cluster.status];
}

export function clusterView(cluster: Cluster, nodes: ClusterNode[], operation: Operation | null): ClusterView {
  const byGroup = (name: string) => nodes.filter((node) => node.hostGroup === name).sort((a, b) => a.index - b.index);
  const known = new Set(cluster.hostGroups.map((group) => group.name));
  const strays = nodes.filter((node) => !known.has(node.hostGroup));
  return {
    ...clusterSummaryView(cluster),
    statusReason: statusReasonOf(cluster, operation),
    step: operation && (operation.status === 'queued' || operation.status === 'running') ? operation.step : null,
    operation: operation ? operationView(operation) : null,
    hostGroups: cluster.hostGroups.map((group) => ({ ...group, recoveryMode: group.recoveryMode ?? 'manual', nodes: byGroup(group.name).map(nodeView) })),
    version: cluster.version,
    ...(strays.length > 0 ? { unassignedNodes: strays.map(nodeView) } : {}),
  };
}

export function eventView(event: ClusterEvent): ClusterEventView {
  return {
    id: event.id,
    type: event.type,
    message: event.message,
    operationId: event.operationId,
    data: event.data,
    createdAt: event.createdAt,
  };
}
