import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, FieldProblem, ValidationFailed } from '../../common/errors';
import { HostGroupOptionsSchema, type ProviderDescriptor } from '../../providers/spi';
import type { TenantScope } from '../tenancy';
import { CLUSTER_INPUTS, ClusterBlueprint, ClusterCredential, ClusterInputs } from './cluster-inputs';
import type { CreateClusterDto } from './cluster.dto';
import type { DesiredHostGroup, HostGroupOptions } from '../lifecycle';

export interface CheckedClusterRequest {
  blueprint: ClusterBlueprint;
  credential: ClusterCredential;
  provider: ProviderDescriptor;
  hostGroups: DesiredHostGroup[];
}

/** Everything a create request must satisfy before anything is written; shared by create and validate. */
@Injectable()
export class ClusterRequestValidator {
  constructor(@Inject(CLUSTER_INPUTS) private readonly inputs: ClusterInputs) {}

  async check(scope: TenantScope, body: CreateClusterDto): Promise<CheckedClusterRequest> {
    const [blueprint, credential] = await Promise.all([
      asFieldProblem('blueprint', this.inputs.blueprint(scope, body.blueprint)),
      asFieldProblem('credential', this.inputs.credential(scope, body.credential)),
    ]);
    const provider = this.inputs.provider(credential.kind, credential.variant);
    const hostGroups = body.hostGroups.map(({ name, nodeCount, instanceType, options, recoveryMode }) => ({
      name,
      nodeCount,
      instanceType: instanceType ?? provider.defaultInstanceType,
      ...(options ? { options: options as HostGroupOptions } : {}),
      recoveryMode: recoveryMode ?? 'manual',
    }));
    const problems = [...hostGroupProblems(blueprint, provider, hostGroups), ...optionProblems(provider, hostGroups), ...partialFailureProblems(body)];
    if (problems.length === 0) problems.push(...(await this.inputs.sizeProblems(blueprint, sizesOf(hostGroups))));
    // A missing instance type without a default is already a problem; the guard tells the compiler.
    if (problems.length > 0 || !hasInstanceTypes(hostGroups)) throw new ValidationFailed(problems);
    return { blueprint, credential, provider, hostGroups };
  }

  /** The quota check of a new cluster; inside the creating transaction when `tx` is given. */
  async checkQuota(scope: TenantScope, hostGroups: DesiredHostGroup[], tx?: EntityManager): Promise<void> {
    const nodes = hostGroups.reduce((sum, group) => sum + group.nodeCount, 0);
    await this.inputs.assertQuota(scope, { clusters: 1, nodes, nodesPerCluster: nodes }, tx);
  }

  /** A scale re-checks the blueprint's cardinality and the quota for the nodes it adds. */
  async checkScale(scope: TenantScope, blueprintId: string, hostGroups: DesiredHostGroup[]): Promise<void> {
    const blueprint = await this.inputs.blueprint(scope, blueprintId);
    const problems = await this.inputs.sizeProblems(blueprint, sizesOf(hostGroups));
    if (problems.length > 0) throw new ValidationFailed(problems);
  }

  /** The quota check of a scale, inside the transaction that records it. */
  async checkScaleQuota(scope: TenantScope, hostGroups: DesiredHostGroup[], addedNodes: number, tx: EntityManager): Promise<void> {
    const total = hostGroups.reduce((sum, group) => sum + group.nodeCount, 0);
    if (addedNodes > 0) await this.inputs.assertQuota(scope, { clusters: 0, nodes: addedNodes, nodesPerCluster: total }, tx);
  }
}

/** A host group as requested, before a missing instance type is known to have a default. */
type RequestedHostGroup = Omit<DesiredHostGroup, 'instanceType'> & { instanceType?: string };

export function sizesOf(hostGroups: Pick<DesiredHostGroup, 'name' | 'nodeCount'>[]): Record<string, number> {
  return Object.fromEntries(hostGroups.map((group) => [group.name, group.nodeCount]));
}

function hasInstanceTypes(hostGroups: RequestedHostGroup[]): hostGroups is DesiredHostGroup[] {
  return hostGroups.every((group) => group.instanceType !== undefined);
}

function hostGroupProblems(blueprint: ClusterBlueprint, provider: ProviderDescriptor, hostGroups: RequestedHostGroup[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(blueprint.hostGroups.map((group) => group.name));
  const seen = new Set<string>();
  const instanceTypes = provider.instanceTypes.map((type) => type.name);
  hostGroups.forEach((group, index) => {
    if (!known.has(group.name)) problems.push({ field: `hostGroups[${index}].name`, reason: `blueprint "${blueprint.name}" has no host group "${group.name}" (it has ${[...known].join(', ')})` });
    if (seen.has(group.name)) problems.push({ field: `hostGroups[${index}].name`, reason: `host group "${group.name}" is listed twice` });
    seen.add(group.name);
    if (group.instanceType === undefined) {
      problems.push({ field: `hostGroups[${index}].instanceType`, reason: `is required: ${provider.kind}/${provider.variant} has no default instance type (it has ${instanceTypes.join(', ')})` });
    } else if (instanceTypes.length > 0 && !instanceTypes.includes(group.instanceType)) {
      problems.push({ field: `hostGroups[${index}].instanceType`, reason: `${provider.kind}/${provider.variant} has no instance type "${group.instanceType}" (it has ${instanceTypes.join(', ')})` });
    }
  });
  for (const name of known) {
    if (!seen.has(name)) problems.push({ field: 'hostGroups', reason: `host group "${name}" of blueprint "${blueprint.name}" needs a size` });
  }
  return problems;
}

/** Each host group's options against the provider's schema, so a bad one is a 400 now rather than a failed operation later. */
function optionProblems(provider: ProviderDescriptor, hostGroups: RequestedHostGroup[]): FieldProblem[] {
  if (!provider.hostGroupOptionsSchema) return [];
  const schema = HostGroupOptionsSchema.of(provider.hostGroupOptionsSchema);
  return hostGroups.flatMap((group, index) => schema.problems(group.options ?? {}, `hostGroups[${index}].options`));
}

function partialFailureProblems(body: CreateClusterDto): FieldProblem[] {
  const policy = body.partialFailure;
  if (policy && policy.policy !== 'percentage' && policy.threshold !== undefined) {
    return [{ field: 'partialFailure.threshold', reason: `applies only to the percentage policy, not ${policy.policy}` }];
  }
  return [];
}

/** A reference in the body that does not resolve is a 400 on that field, not a 404 of the route. */
async function asFieldProblem<T>(field: string, lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw new ValidationFailed([{ field, reason: error.message }]);
    throw error;
  }
}
