import type Docker from 'dockerode';
import type { ClusterSpec, ComponentSpec, HostGroupSpec, NodeSpec } from '../spi';
import type { DockerInstanceType } from './docker.descriptor';
import { LABEL, componentContainerName, nodeAliases, nodeLabels, sandboxName, volumeName } from './docker.labels';
import type { DockerHostGroupOptions } from './docker.options';

/** The port herd probes a component on: its health port, else its first port. */
export const ENDPOINT_PORT_LABEL = 'io.herd.endpoint-port';

const SANDBOX_MEMORY_BYTES = 32 * 1024 * 1024;
const SANDBOX_PIDS = 16;
const HEALTH_INTERVAL_NS = 3e9;
const HEALTH_TIMEOUT_NS = 3e9;
const HEALTH_START_PERIOD_NS = 120e9;

/** The engine reads on-failure with 0 retries as "retry forever". */
function restartPolicy(retries: number): Docker.HostRestartPolicy {
  return retries > 0 ? { Name: 'on-failure', MaximumRetryCount: retries } : { Name: 'no' };
}

export function endpointPort(component: ComponentSpec): number | undefined {
  return component.health?.port ?? component.ports[0]?.port;
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

/** One Hadoop component, joining its node's network namespace; CPU and memory are the node's budget split evenly. */
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
  return {
    name: componentContainerName(cluster, node, component.name),
    Image: image,
    Cmd: component.command.length ? component.command : undefined,
    Env: Object.entries(component.env).map(([key, value]) => `${key}=${value}`),
    Labels: labels,
    Healthcheck: component.health
      ? {
          Test: ['CMD-SHELL', healthCommand(component.health.port, component.health.path)],
          Interval: HEALTH_INTERVAL_NS,
          Timeout: HEALTH_TIMEOUT_NS,
          Retries: 3,
          StartPeriod: HEALTH_START_PERIOD_NS,
        }
      : undefined,
    HostConfig: {
      NetworkMode: `container:${sandboxId}`,
      Init: true,
      RestartPolicy: restartPolicy(options.restartRetries),
      NanoCpus: Math.floor((instanceType.cpus * 1e9) / share),
      Memory: Math.floor((instanceType.memoryMb * 1024 * 1024) / share),
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

/** Runs inside the component's image: wget where it exists (busybox, Alpine), curl otherwise. */
function healthCommand(port: number, path: string): string {
  const url = `http://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}`;
  const quoted = `'${url.replace(/'/g, `'\\''`)}'`;
  return `wget -qO- ${quoted} >/dev/null 2>&1 || curl -fsS -o /dev/null ${quoted}`;
}
