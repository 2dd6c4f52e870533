import { Inject, Injectable } from '@nestjs/common';
import { ClusterSpec, InstanceType, nodeName } from '../../providers/spi';
import { CLUSTER_INPUTS, ClusterBlueprint, ClusterInputs } from './cluster-inputs';
import type { DesiredHostGroup } from '../lifecycle';

export interface SpecSource {
  id: string;
  tenantId: string;
  name: string;
  hostGroups: DesiredHostGroup[];
  /**
   * The provider whose instance types size the nodes (a `Cluster` row carries both). Without it, or
   * for a type its descriptor does not list, nodes are sized as the stacks' default node size.
   */
  providerKind?: string;
  providerVariant?: string;
}

/** Turns a cluster's desired state into the provider's `ClusterSpec`; the tag is the cluster id. */
@Injectable()
export class ClusterSpecBuilder {
  constructor(@Inject(CLUSTER_INPUTS) private readonly inputs: ClusterInputs) {}

  async build(cluster: SpecSource, blueprint: ClusterBlueprint): Promise<ClusterSpec> {
    const hostsByGroup = Object.fromEntries(cluster.hostGroups.map((group) => [group.name, Array.from({ length: group.nodeCount }, (_, index) => nodeName({ tag: cluster.id }, group.name, index))]));
    const instanceTypes = this.instanceTypesOf(cluster);
    const hostGroups = await Promise.all(
      cluster.hostGroups.map(async (group) => ({
        name: group.name,
        nodeCount: group.nodeCount,
        instanceType: group.instanceType,
        components: await this.inputs.componentSpecs(blueprint, group.name, hostsByGroup, instanceTypes.find((type) => type.name === group.instanceType)),
        options: group.options ?? {},
      })),
    );
    return { clusterId: cluster.id, tenantId: cluster.tenantId, name: cluster.name, tag: cluster.id, stack: blueprint.stack, hostGroups };
  }

  private instanceTypesOf(cluster: SpecSource): InstanceType[] {
    if (cluster.providerKind === undefined || cluster.providerVariant === undefined) return [];
    return this.inputs.provider(cluster.providerKind, cluster.providerVariant).instanceTypes;
  }
}
