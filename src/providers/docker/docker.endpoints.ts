import type Docker from 'dockerode';
import type { ComponentSpec } from '../spi';

/** The port herd probes a component on: its health port, else its first port. */
export const ENDPOINT_PORT_LABEL = 'io.herd.endpoint-port';
/** The path herd asks a component's health port for, e.g. `/jmx` on a NameNode. */
export const HEALTH_PATH_LABEL = 'io.herd.health-path';

export function endpointPort(component: ComponentSpec): number | undefined {
  return component.health?.port ?? component.ports[0]?.port;
}

/** Where herd reaches a component: the port published on 127.0.0.1 when there is one, else the node's bridge IP. */
export function componentEndpoint(container: Docker.ContainerInfo, sandbox: Docker.ContainerInfo | undefined, ip: string | undefined): string | undefined {
  const port = Number(container.Labels[ENDPOINT_PORT_LABEL]);
  if (!port) return undefined;
  const published = sandbox?.Ports?.find((binding) => binding.PrivatePort === port && binding.PublicPort && binding.IP === '127.0.0.1');
  if (published) return `http://127.0.0.1:${published.PublicPort}`;
  return ip ? `http://${ip}:${port}` : undefined;
}
