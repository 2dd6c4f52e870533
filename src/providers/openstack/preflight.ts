import type { ClusterSpec, PreflightProblem } from '../spi';
import { networkExists, resolveImage } from './image-lookup';
import type { KeystoneSession } from './keystone';
import type { NovaApi, NovaFlavor } from './nova/nova.client';
import { readNovaOptions } from './nova/nova.options';

/** The flavor an instance type names (by id first, then by name). */
export function findFlavor(flavors: NovaFlavor[], instanceType: string): NovaFlavor | undefined {
  return flavors.find((f) => f.id === instanceType) ?? flavors.find((f) => f.name === instanceType);
}

/** Checks every host group's flavor, image, networks, key pair and zone, and the project's quota, before anything is made. */
export async function openstackPreflight(session: KeystoneSession, nova: NovaApi, cluster: ClusterSpec): Promise<PreflightProblem[]> {
  const problems: PreflightProblem[] = [];
  const flavors = await nova.flavors();
  let zones: string[] | undefined;
  let instances = 0;
  let cores = 0;
  let ram = 0;
  for (const [i, group] of cluster.hostGroups.entries()) {
    const { options, problems: optionProblems } = readNovaOptions(group, i);
    problems.push(...optionProblems);
    const flavor = findFlavor(flavors, group.instanceType);
    if (!flavor) problems.push({ field: `hostGroups[${i}].instanceType`, reason: `no flavor '${group.instanceType}' in this cloud` });
    else {
      instances += group.nodeCount;
      cores += flavor.vcpus * group.nodeCount;
      ram += flavor.ram * group.nodeCount;
    }
    if (!options) continue;
    const image = await resolveImage(session, options.image);
    if (!image.id) problems.push({ field: `hostGroups[${i}].options.image`, reason: image.reason! });
    if (Array.isArray(options.networks)) {
      for (const [n, id] of options.networks.entries()) {
        if (!(await networkExists(session, id))) problems.push({ field: `hostGroups[${i}].options.networks[${n}]`, reason: `no network '${id}'` });
      }
    }
    if (options.keyName && !(await nova.keypairExists(options.keyName))) {
      problems.push({ field: `hostGroups[${i}].options.keyName`, reason: `no key pair '${options.keyName}'` });
    }
    if (options.availabilityZone) {
      zones ??= await nova.availabilityZones();
      if (!zones.includes(options.availabilityZone)) {
        problems.push({ field: `hostGroups[${i}].options.availabilityZone`, reason: `no available zone '${options.availabilityZone}' (have: ${zones.join(', ')})` });
      }
    }
  }
  const limits = await nova.limits();
  const check = (need: number, max: string, used: string, what: string) => {
    const m = limits[max];
    if (m === undefined || m < 0) return;
    const free = m - (limits[used] ?? 0);
    if (need > free) problems.push({ field: 'hostGroups', reason: `needs ${need} ${what}, the project's quota leaves ${free}` });
  };
  check(instances, 'maxTotalInstances', 'totalInstancesUsed', 'instances');
  check(cores, 'maxTotalCores', 'totalCoresUsed', 'cores');
  check(ram, 'maxTotalRAMSize', 'totalRAMUsed', 'MB of RAM');
  return problems;
}
