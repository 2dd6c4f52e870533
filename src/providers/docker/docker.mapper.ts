import type Docker from 'dockerode';
import type { ComponentStatus, NodeStatus, ObservedComponent, ObservedNode } from '../spi';
import { componentEndpoint } from './docker.endpoints';
import type { HealthProbe } from './docker.health';
import { LABEL } from './docker.labels';

/**
 * A component's state from the container list and herd's own probe of its health endpoint. Without
 * a probe (no health endpoint), an image's own HEALTHCHECK still counts: it rides in the `Status` text.
 */
export function componentStatus(container: Pick<Docker.ContainerInfo, 'State' | 'Status'>, nodeUp: boolean, probe?: HealthProbe): ComponentStatus {
  switch (container.State) {
    case 'running':
      if (probe) return probe.answering ? 'running' : probe.withinGrace ? 'starting' : 'failed';
      if (/\(unhealthy\)/.test(container.Status)) return 'failed';
      if (/\(health: starting\)/.test(container.Status)) return 'starting';
      return 'running';
    case 'created':
      return 'starting';
    case 'restarting':
      return 'failed';
    case 'exited':
      return nodeUp ? 'failed' : 'stopped';
    case 'paused':
    case 'removing':
      return 'stopped';
    case 'dead':
      return 'failed';
    default:
      return 'unknown';
  }
}

export function sandboxStatus(sandbox: Pick<Docker.ContainerInfo, 'State'> | undefined): NodeStatus {
  switch (sandbox?.State) {
    case undefined:
      return 'ERROR';
    case 'created':
      return 'PENDING';
    case 'restarting':
      return 'STARTING';
    case 'running':
      return 'RUNNING';
    case 'exited':
    case 'paused':
      return 'STOPPED';
    case 'removing':
      return 'TERMINATING';
    case 'dead':
      return 'ERROR';
    default:
      return 'UNKNOWN';
  }
}

/** Component containers whose failure needs explaining (exit code, health output, logs). */
export function failedComponentContainers(containers: Docker.ContainerInfo[], probes: Map<string, HealthProbe>): Docker.ContainerInfo[] {
  const runningNodes = new Set(
    containers.filter((container) => container.Labels[LABEL.role] === 'node' && container.State === 'running').map((container) => container.Labels[LABEL.node]),
  );
  return containers.filter(
    (container) => container.Labels[LABEL.role] === 'component' && componentStatus(container, runningNodes.has(container.Labels[LABEL.node]), probes.get(container.Id)) === 'failed',
  );
}

export interface MapContext {
  network: string;
  /** Why a failed component failed (exit code, health output, last log lines), by container id. */
  reasons: Map<string, string>;
  /** herd's probes of the running components' health endpoints, by container id. */
  probes: Map<string, HealthProbe>;
  /** Component names each host group should run, when the cluster spec is known. */
  expectedComponents: Map<string, string[]>;
}

/** Groups a cluster's containers by node and maps their states onto the SPI's. */
export function mapNodes(containers: Docker.ContainerInfo[], context: MapContext): ObservedNode[] {
  const byNode = new Map<string, Docker.ContainerInfo[]>();
  for (const container of containers) {
    const node = container.Labels[LABEL.node];
    if (!node) continue;
    byNode.set(node, [...(byNode.get(node) ?? []), container]);
  }
  const nodes = [...byNode.entries()].map(([name, members]) => mapNode(name, members, context));
  return nodes.sort((a, b) => a.hostGroup.localeCompare(b.hostGroup) || a.index - b.index);
}

function mapNode(name: string, members: Docker.ContainerInfo[], context: MapContext): ObservedNode {
  const sandbox = members.find((container) => container.Labels[LABEL.role] === 'node');
  const components = members.filter((container) => container.Labels[LABEL.role] === 'component');
  const first = sandbox ?? members[0];
  const hostGroup = first.Labels[LABEL.hostGroup] ?? '';
  const ip = sandbox?.NetworkSettings?.Networks?.[context.network]?.IPAddress || undefined;
  const nodeUp = sandbox?.State === 'running';

  const observed: ObservedComponent[] = components
    .map((container) => {
      const status = componentStatus(container, nodeUp, context.probes.get(container.Id));
      const component: ObservedComponent = { name: container.Labels[LABEL.component], status };
      const endpoint = componentEndpoint(container, sandbox, ip);
      if (endpoint) component.endpoint = endpoint;
      const reason = status === 'failed' ? (context.reasons.get(container.Id) ?? container.Status) : undefined;
      if (reason) component.reason = reason;
      return component;
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const missing = (context.expectedComponents.get(hostGroup) ?? []).filter((expected) => !observed.some((component) => component.name === expected));
  let status = sandboxStatus(sandbox);
  let statusReason: string | undefined;
  if (!sandbox) {
    statusReason = 'the node\'s sandbox container is missing';
  } else if (status === 'RUNNING') {
    const failed = observed.filter((component) => component.status === 'failed');
    if (failed.length) {
      status = 'ERROR';
      statusReason = failed.map((component) => `${component.name}: ${component.reason}`).join('\n');
    } else if (missing.length) {
      status = 'ERROR';
      statusReason = `no container for ${missing.join(', ')}`;
    } else if (observed.some((component) => component.status === 'starting')) {
      status = 'STARTING';
    }
  } else if (sandbox.State === 'dead') {
    statusReason = sandbox.Status;
  }

  const node: ObservedNode = {
    name,
    hostGroup,
    index: Number(first.Labels[LABEL.nodeIndex] ?? 0),
    providerId: sandbox?.Id ?? first.Id,
    status,
    addresses: ip ? { private: ip } : {},
    components: observed,
  };
  if (statusReason) node.statusReason = statusReason;
  return node;
}
