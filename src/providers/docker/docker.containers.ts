import type Docker from 'dockerode';
import type { ClusterSpec, ComponentSpec, HostGroupSpec, NodeSpec } from '../spi';
import type { DockerInstanceType } from './docker.descriptor';
import { ENDPOINT_PORT_LABEL, HEALTH_PATH_LABEL, endpointPort } from './docker.endpoints';
import { LABEL, componentContainerName, nodeAliases, nodeLabels, sandboxName, volumeName } from './docker.labels';
import type { DockerHostGroupOptions } from './docker.options';

const SANDBOX_MEMORY_BYTES = 32 * 1024 * 1024;
const SANDBOX_PIDS = 16;
/** The least a component without a budget gets, even when the budgets of its siblings take the whole node. */
const MIN_COMPONENT_MEMORY_MB = 64;

/** The engine reads on-failure with 0 retries as "retry forever". */
function restartPolicy(retries: number): Docker.HostRestartPolicy {
  return retries > 0 ? { Name: 'on-failure', MaximumRetryCount: retries } : { Name: 'no' };
}

/**
 * The node's sandbox (a pod's pause container): it owns the network namespace, hostname and
 * aliases that the node's components join, and the published ports. It only sleeps.
 */
export function sandboxCreateOptions(
  cluster: ClusterSpec,
  group: HostGroupSpec,
  node: NodeSpec,
  context: { options: DockerHostGroupOptions; image: string; networkId: string },
): Docker.ContainerCreateOptions {
  const { options, image, networkId } = context;
  const ports = options.publishPorts ? group.components.flatMap((component) => component.ports) : [];
  const portKeys = [...new Set(ports.map((port) => `${port.port}/${port.protocol}`))];
  return {
    name: sandboxName(cluster, node),
    Image: image,
    Entrypoint: ['sleep'],
    Cmd: ['2147483647'],
    Hostname: node.name,
    Labels: nodeLabels(cluster, node, 'node'),
    ExposedPorts: portKeys.length ? Object.fromEntries(portKeys.map((key) => [key, {}])) : undefined,
    HostConfig: {
      NetworkMode: networkId,
      Init: true,
      RestartPolicy: restartPolicy(options.restartRetries),
      Memory: SANDBOX_MEMORY_BYTES,
      PidsLimit: SANDBOX_PIDS,
      PortBindings: portKeys.length ? Object.fromEntries(portKeys.map((key) => [key, [{ HostIp: '127.0.0.1', HostPort: '' }]])) : undefined,
    },
    NetworkingConfig: { EndpointsConfig: { [networkId]: { Aliases: nodeAliases(cluster, node) } } },
  };
}

/**
 * One Hadoop component, joining its node's network namespace. CPU is the node's split evenly;
 * memory is the component's own budget where the spec sets one, else an even share of the rest.
 */
export function componentCreateOptions(
  cluster: ClusterSpec,
  group: HostGroupSpec,
  node: NodeSpec,
  component: ComponentSpec,
  context: { options: DockerHostGroupOptions; image: string; sandboxId: string; instanceType: DockerInstanceType },
): Docker.ContainerCreateOptions {
  const { options, image, sandboxId, instanceType } = context;
  const share = Math.max(1, group.components.length);
  const port = endpointPort(component);
  const labels: Record<string, string> = {
    ...nodeLabels(cluster, node, 'component'),
    [LABEL.component]: component.name,
    [LABEL.startOrder]: String(component.startOrder),
  };
  if (port !== undefined) labels[ENDPOINT_PORT_LABEL] = String(port);
  // herd probes this path itself (docker.health.ts): no engine health check execs in the container.
  if (component.health) labels[HEALTH_PATH_LABEL] = component.health.path.startsWith('/') ? component.health.path : `/${component.health.path}`;
  return {
    name: componentContainerName(cluster, node, component.name),
    Image: image,
    Cmd: component.command.length ? component.command : undefined,
    Env: Object.entries(component.env).map(([key, value]) => `${key}=${value}`),
    Labels: labels,
    HostConfig: {
      NetworkMode: `container:${sandboxId}`,
      Init: true,
      RestartPolicy: restartPolicy(options.restartRetries),
      NanoCpus: Math.floor((instanceType.cpus * 1e9) / share),
      Memory: componentMemoryMb(group.components, component, instanceType.memoryMb) * 1024 * 1024,
      PidsLimit: instanceType.pidsLimit,
      Mounts: options.volumes.map((volume) => ({
        Type: 'volume' as const,
        Source: volumeName(cluster, node, volume.name),
        Target: volume.target,
        ReadOnly: volume.readOnly,
      })),
    },
  };
}

/** The component's budget, or an even share of what the node's budgeted components leave. */
function componentMemoryMb(components: ComponentSpec[], component: ComponentSpec, nodeMemoryMb: number): number {
  if (component.memoryMb !== undefined) return component.memoryMb;
  const unbudgeted = components.filter((sibling) => sibling.memoryMb === undefined).length;
  const left = nodeMemoryMb - components.reduce((sum, sibling) => sum + (sibling.memoryMb ?? 0), 0);
  return Math.max(MIN_COMPONENT_MEMORY_MB, Math.floor(left / Math.max(1, unbudgeted)));
}
