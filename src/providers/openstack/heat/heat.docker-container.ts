import { FatalProviderError, type ComponentSpec } from '../../spi';
import { DOCKER_API_PORT } from '../cloud-init/docker-host-user-data';
import { checkComponentName, checkEnvKey, checkPath, containerName } from '../cloud-init/user-data';
import type { HotResource } from './heat.hot';

/** The resource type of Heat's Docker plugin (contrib/heat_docker); Debian's Heat does not ship it. */
export const DOCKER_CONTAINER_TYPE = 'DockerInc::Docker::Container';
export const DELAY_TYPE = 'OS::Heat::Delay';

/** Resource keys a node owns besides its server. Node names never contain a dot, so no key can be another node's. */
export const dockerStartKey = (node: string) => `${node}.docker-start`;
export const containerKey = (node: string, component: string) => `${node}.container.${component.toLowerCase()}`;
export const ownedByNode = (key: string, node: string) => key === node || key.startsWith(`${node}.`);

const CONFIG_ENV = 'HERD_CONFIG_';

/**
 * Fixed text (no user value is ever part of it): writes each base64 `HERD_CONFIG_<i>` to the path in
 * `HERD_CONFIG_PATH_<i>`, then runs the component's own command, passed as separate arguments.
 */
export const CONFIG_ENTRY_SCRIPT = [
  'i=0',
  'while :; do',
  '  eval "p=\\${HERD_CONFIG_PATH_$i:-}"; [ -n "$p" ] || break',
  '  eval "c=\\${HERD_CONFIG_$i}"',
  '  mkdir -p "$(dirname "$p")" && printf %s "$c" | base64 -d > "$p" || exit 1',
  '  i=$((i+1))',
  'done',
  'exec "$@"',
].join('\n');

/**
 * The node's Docker API as Heat reaches it: its first IPv4 address (the one the node's user_data makes
 * Docker listen on), from the server's `addresses` attribute.
 */
export function dockerEndpoint(serverKey: string): unknown {
  const firstIpv4 = "coalesce($.data, {}).values().flatten().where($.version = 4).select($.addr).first('')";
  return { list_join: ['', ['tcp://', { yaql: { expression: firstIpv4, data: { get_attr: [serverKey, 'addresses'] } } }, `:${DOCKER_API_PORT}`]] };
}

/**
 * Only properties the plugin passes when it creates the container. What it passes on start (volumes as
 * binds, restart_policy, privileged, port_bindings, links, ...) the Docker SDK it requires (docker>=2.4.2)
 * refuses, so herd never sets them: config files travel base64 in the env and are written by a fixed
 * entry script, and every user value stays a plain string in a list.
 */
export function containerProperties(c: ComponentSpec, endpoint: unknown): Record<string, unknown> {
  checkComponentName(c.name);
  const env = Object.entries(c.env).map(([k, v]) => {
    checkEnvKey(c.name, k);
    if (k.startsWith(CONFIG_ENV)) throw new FatalProviderError(`components.${c.name}.env: '${k}' is reserved for herd's config files`, 'reserved env name');
    return `${k}=${v}`;
  });
  let cmd = [...c.command];
  if (c.configFiles.length) {
    if (!cmd.length) {
      throw new FatalProviderError(`components.${c.name}.command: a Heat-made container needs an explicit command to receive its config files`, 'missing command');
    }
    for (const [i, file] of c.configFiles.entries()) {
      checkPath(file.path, `components.${c.name}.configFiles[${i}].path`);
      env.push(`${CONFIG_ENV}PATH_${i}=${file.path}`, `${CONFIG_ENV}${i}=${Buffer.from(file.content).toString('base64')}`);
    }
    cmd = ['/bin/sh', '-c', CONFIG_ENTRY_SCRIPT, 'herd-config', ...cmd];
  }
  return {
    docker_endpoint: endpoint,
    image: c.image,
    name: containerName(c.name),
    cmd,
    env,
    // Exposed only: the plugin cannot publish ports (port_bindings is a start-time setting). Digits as
    // strings, which the Docker SDK reads as TCP ports and Heat can pass on to a provider template.
    port_specs: c.ports.filter((p) => p.protocol === 'tcp').map((p) => String(p.port)),
  };
}

/**
 * A node's containers: an `OS::Heat::Delay` after its server (Docker has to come up first), then one
 * container per component, each depending on the one before it, in start order.
 */
export function nodeContainerResources(node: string, components: ComponentSpec[], delaySeconds: number): Record<string, HotResource> {
  const start = dockerStartKey(node);
  const resources: Record<string, HotResource> = { [start]: { type: DELAY_TYPE, properties: { min_wait: delaySeconds }, depends_on: [node] } };
  const endpoint = dockerEndpoint(node);
  let previous = start;
  for (const c of [...components].sort((a, b) => a.startOrder - b.startOrder)) {
    const key = containerKey(node, c.name);
    if (resources[key]) throw new FatalProviderError(`components: two components named '${c.name}' (case does not count)`, 'duplicate component');
    resources[key] = { type: DOCKER_CONTAINER_TYPE, properties: containerProperties(c, endpoint), depends_on: [previous] };
    previous = key;
  }
  return resources;
}
