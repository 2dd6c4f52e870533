import { checkHostGroup } from '../../docker/docker.options';
import { DOCKER_INSTANCE_TYPES } from '../../docker/docker.descriptor';
import type { ClusterSpec, HostGroupSpec, PreflightProblem } from '../../spi';

/** The Docker budget of a herd node on a COE node when the host group names none. */
export const DEFAULT_SWARM_INSTANCE_TYPE = 'medium';

/**
 * On Magnum a host group's `instanceType` is the Nova flavor of the COE's VMs and the top-level
 * options describe the Magnum cluster; what the Docker adapter needs per host group sits under
 * `options.docker` (the Docker host group options, plus `instanceType`: a Docker size).
 */
export function swarmClusterSpec(cluster: ClusterSpec): ClusterSpec {
  return { ...cluster, hostGroups: cluster.hostGroups.map(swarmHostGroup) };
}

function swarmHostGroup(group: HostGroupSpec): HostGroupSpec {
  const { instanceType, ...options } = dockerOptions(group);
  return { ...group, instanceType: typeof instanceType === 'string' ? instanceType : DEFAULT_SWARM_INSTANCE_TYPE, options };
}

function dockerOptions(group: HostGroupSpec): Record<string, unknown> {
  const docker = group.options?.docker;
  return docker && typeof docker === 'object' && !Array.isArray(docker) ? (docker as Record<string, unknown>) : {};
}

/** The Docker adapter's own checks of every host group, with fields named where the user wrote them. */
export function checkSwarmHostGroups(cluster: ClusterSpec): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  cluster.hostGroups.forEach((group, i) => {
    const docker = group.options?.docker;
    if (docker !== undefined && (docker === null || typeof docker !== 'object' || Array.isArray(docker))) {
      problems.push({ field: `hostGroups[${i}].options.docker`, reason: 'must be an object of Docker host group options' });
      return;
    }
    const mapped = swarmHostGroup(group);
    for (const problem of checkHostGroup(mapped, i).problems) {
      const field = problem.field
        .replace(`hostGroups[${i}].options.`, `hostGroups[${i}].options.docker.`)
        .replace(`hostGroups[${i}].instanceType`, `hostGroups[${i}].options.docker.instanceType`);
      const reason = field.endsWith('.docker.instanceType') ? `must be one of ${DOCKER_INSTANCE_TYPES.map((type) => type.name).join(', ')} (the Docker budget of a node)` : problem.reason;
      problems.push({ field, reason });
    }
  });
  return problems;
}
