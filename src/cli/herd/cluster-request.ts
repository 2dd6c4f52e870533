import type { Schemas } from '../../../clients/typescript/src';
import { UsageError } from './exit-codes';
import { readDocument } from './input-files';
import { nodeCount, splitKeyValue } from './key-values';

type ClusterRequest = Schemas['CreateClusterDto'];
type HostGroupSize = Schemas['HostGroupSizeDto'];

export interface ClusterRequestFlags {
  file?: string;
  name?: string;
  blueprint?: string;
  credential?: string;
  /** `master=1`, repeated. */
  hostGroup: string[];
  /** `worker=large`, repeated. */
  instanceType: string[];
  onFailure?: string;
}

/**
 * The body of `POST /v1/clusters`: the file's request (JSON or YAML, the API's own shape), with
 * each flag replacing what the file says. Completeness is herd's to judge: its 400 names every
 * missing or wrong field.
 */
export function clusterRequest(flags: ClusterRequestFlags): ClusterRequest {
  const fromFile = flags.file !== undefined ? readDocument(flags.file) : {};
  if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) throw new UsageError(`${flags.file} must hold one cluster request (an object)`);
  const request = { ...(fromFile as Partial<ClusterRequest>) };
  if (flags.name !== undefined) request.name = flags.name;
  if (flags.blueprint !== undefined) request.blueprint = flags.blueprint;
  if (flags.credential !== undefined) request.credential = flags.credential;
  if (flags.onFailure !== undefined) request.onFailure = flags.onFailure as ClusterRequest['onFailure'];
  const groups = new Map<string, HostGroupSize>((request.hostGroups ?? []).map((group) => [group.name, { ...group }]));
  for (const pair of flags.hostGroup) {
    const [name, count] = splitKeyValue(pair, '--host-group');
    groups.set(name, { ...groups.get(name), name, nodeCount: nodeCount(count, `--host-group ${name}`) });
  }
  for (const pair of flags.instanceType) {
    const [name, instanceType] = splitKeyValue(pair, '--instance-type');
    const group = groups.get(name);
    if (!group) throw new UsageError(`--instance-type ${name}: no host group ${name} (give it with --host-group ${name}=N)`);
    group.instanceType = instanceType;
  }
  if (groups.size > 0) request.hostGroups = [...groups.values()];
  return request as ClusterRequest;
}
