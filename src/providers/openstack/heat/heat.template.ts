import { createHash } from 'node:crypto';
import type { ClusterSpec, HostGroupSpec, NodeSpec } from '../../spi';
import { buildDockerHostUserData } from '../cloud-init/docker-host-user-data';
import { buildUserData } from '../cloud-init/user-data';
import { serverMetadata } from '../naming';
import type { NovaHostGroupOptions } from '../nova/nova.options';
import { nodeContainerResources, ownedByNode } from './heat.docker-container';
import type { ComponentPath } from './heat.options';
import type { HotResource, HotTemplate } from './heat.hot';

export const HOT_VERSION = '2018-08-31';
export const SERVER_TYPE = 'OS::Nova::Server';


export interface ResolvedGroup {
  group: HostGroupSpec;
  options: NovaHostGroupOptions;
  flavorId: string;
  imageId: string;
}

/** A resolved host group and how Heat starts its components. */
export interface HeatGroup extends ResolvedGroup {
  /** user_data starts the components, or Heat creates them as `DockerInc::Docker::Container`. */
  path: ComponentPath;
  dockerStartDelaySeconds: number;
}

/** The resource key of a host group's server group: sanitised name plus a hash, so no two groups collide. */
export function serverGroupKey(hostGroup: string): string {
  const safe = hostGroup.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 40);
  return `servergroup-${safe}-${createHash('sha256').update(hostGroup).digest('hex').slice(0, 8)}`;
}

/** One `OS::Nova::Server` for a node; every user-supplied string is a plain value, never structure. */
export function serverResource(cluster: ClusterSpec, node: NodeSpec, g: HeatGroup): HotResource {
  const networks = Array.isArray(g.options.networks)
    ? g.options.networks.map((network) => ({ network }))
    : [{ allocate_network: g.options.networks }];
  const properties: Record<string, unknown> = {
    name: node.name,
    flavor: g.flavorId,
    image: g.imageId,
    networks,
    metadata: serverMetadata(cluster, node),
    user_data_format: 'RAW',
    user_data: (g.path === 'containers' ? buildDockerHostUserData : buildUserData)({
      nodeName: node.name,
      components: g.group.components,
      callbackUrl: cluster.callbackUrl,
      callbackToken: node.callbackToken,
    }),
  };
  if (g.options.keyName) properties.key_name = g.options.keyName;
  if (g.options.availabilityZone) properties.availability_zone = g.options.availabilityZone;
  if (g.options.securityGroups.length) properties.security_groups = [...g.options.securityGroups];
  if (g.options.serverGroupPolicy) properties.scheduler_hints = { group: { get_resource: serverGroupKey(g.group.name) } };
  return { type: SERVER_TYPE, properties };
}

export function serverGroupResource(cluster: ClusterSpec, g: ResolvedGroup): HotResource {
  return {
    type: 'OS::Nova::ServerGroup',
    properties: { name: `herd-${cluster.tag}-${g.group.name}`.slice(0, 255), policies: [g.options.serverGroupPolicy] },
  };
}

/**
 * The next template: the current resources kept byte for byte (so Heat leaves them alone), the
 * terminated nodes removed with everything they own, the launched nodes added with any server group
 * they need and, on the containers path, their container resources.
 * Built as an object and sent as JSON: a name or value can never add a key or a function.
 */
export function nextTemplate(
  cluster: ClusterSpec,
  current: HotTemplate | undefined,
  launch: { node: NodeSpec; group: HeatGroup }[],
  terminate: string[],
): HotTemplate {
  const resources: Record<string, HotResource> = { ...(current?.resources ?? {}) };
  for (const name of terminate) for (const key of Object.keys(resources)) if (ownedByNode(key, name)) delete resources[key];
  for (const { node, group } of launch) {
    if (resources[node.name]) continue;
    resources[node.name] = serverResource(cluster, node, group);
    if (group.path === 'containers') Object.assign(resources, nodeContainerResources(node.name, group.group.components, group.dockerStartDelaySeconds));
    if (group.options.serverGroupPolicy) resources[serverGroupKey(group.group.name)] ??= serverGroupResource(cluster, group);
  }
  // a server group with no server left goes too
  const usedGroups = new Set(
    Object.values(resources)
      .filter((r) => r.type === SERVER_TYPE)
      .map((r) => ((r.properties.scheduler_hints as { group?: { get_resource?: string } } | undefined)?.group?.get_resource))
      .filter(Boolean),
  );
  for (const [key, r] of Object.entries(resources)) if (r.type === 'OS::Nova::ServerGroup' && !usedGroups.has(key)) delete resources[key];
  return {
    heat_template_version: HOT_VERSION,
    description: `herd cluster ${cluster.tag}`,
    resources,
  };
}

export function serverNames(template: HotTemplate | undefined): string[] {
  return Object.entries(template?.resources ?? {})
    .filter(([, r]) => r.type === SERVER_TYPE)
    .map(([k]) => k);
}
