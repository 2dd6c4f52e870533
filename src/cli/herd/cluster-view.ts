import type { Schemas } from '../../../clients/typescript/src';
import type { Style } from './style';
import { renderFields, renderTable } from './table';

type Cluster = Schemas['ClusterView'];
type Node = Schemas['ClusterNodeView'];

/** The web UIs a user opens first, by the component that serves them. */
const USER_INTERFACES: Record<string, string> = { NAMENODE: 'NameNode UI', RESOURCEMANAGER: 'ResourceManager UI' };

export interface Endpoint {
  name: string;
  component: string;
  node: string;
  url: string;
}

export function clusterEndpoints(cluster: Cluster): Endpoint[] {
  return cluster.hostGroups.flatMap((group) =>
    group.nodes.flatMap((node) =>
      node.components
        .filter((component) => USER_INTERFACES[component.name] !== undefined && component.endpoint !== undefined)
        .map((component) => ({ name: USER_INTERFACES[component.name], component: component.name, node: node.name, url: component.endpoint as string })),
    ),
  );
}

export function renderEndpoints(cluster: Cluster, style: Style): string {
  const endpoints = clusterEndpoints(cluster);
  if (endpoints.length === 0) return 'endpoints: none yet';
  return renderTable([{ header: 'ENDPOINT', value: (endpoint) => endpoint.name }, { header: 'URL', value: (endpoint) => endpoint.url }], endpoints, style);
}

/** A cluster for people: its state, a table of its nodes, and its endpoints. */
export function renderCluster(cluster: Cluster, style: Style): string {
  const rows = cluster.hostGroups.flatMap((group) => group.nodes.map((node) => ({ group: group.name, node })));
  for (const node of cluster.unassignedNodes ?? []) rows.push({ group: '(removed)', node });
  const operation = cluster.operation ? `${cluster.operation.type} ${cluster.operation.status} ${cluster.operation.percent}% (${cluster.operation.id})` : null;
  return [
    renderFields(
      [
        ['name', cluster.name],
        ['id', cluster.id],
        ['status', style.status(cluster.status)],
        ['health', style.status(cluster.health)],
        ['reason', cluster.statusReason],
        ['provider', `${cluster.provider.kind}/${cluster.provider.variant}`],
        ['host groups', cluster.hostGroups.map((group) => `${group.name}=${group.nodeCount} (${group.instanceType})`).join(', ')],
        ['operation', operation],
      ],
      style,
    ),
    '',
    renderTable(
      [
        { header: 'HOST GROUP', value: (row) => row.group },
        { header: 'NODE', value: (row) => row.node.name },
        { header: 'STATUS', value: (row) => row.node.status, status: true },
        { header: 'ADDRESSES', value: (row) => addresses(row.node) },
        { header: 'COMPONENTS', value: (row) => row.node.components.map((component) => (component.status === 'running' ? component.name : `${component.name}(${component.status})`)).join(', ') },
      ],
      rows,
      style,
    ),
    '',
    renderEndpoints(cluster, style),
  ].join('\n');
}

function addresses(node: Node): string {
  return [node.addresses.private, node.addresses.public].filter((address) => address !== undefined && address !== '').join(' ');
}
