import { Inject, Injectable } from '@nestjs/common';
import { IllegalState, NotFound } from '../../common/errors';
import { type Cluster, type Operation, OperationIntake } from '../lifecycle';
import type { TenantScope } from '../tenancy';
import { CLUSTER_INPUTS, type ClusterInputs } from './cluster-inputs';
import { ClusterRequestValidator } from './cluster-request.validator';

/** The one way a host group's size changes, whoever asks: a user, or an autoscaling policy. */
@Injectable()
export class ScaleRequests {
  constructor(
    @Inject(CLUSTER_INPUTS) private readonly inputs: ClusterInputs,
    private readonly validator: ClusterRequestValidator,
    private readonly intake: OperationIntake,
  ) {}

  /** Checks the provider, the blueprint's cardinality and the quota, then requests the scale operation. */
  async request(scope: TenantScope, cluster: Cluster, hostGroup: string, nodeCount: number, requestedBy = ''): Promise<Operation> {
    const group = cluster.hostGroups.find((candidate) => candidate.name === hostGroup);
    if (!group) throw new NotFound('host group', hostGroup);
    this.requireScalable(cluster);
    const hostGroups = cluster.hostGroups.map((candidate) => (candidate.name === hostGroup ? { ...candidate, nodeCount } : candidate));
    await this.validator.checkScale(scope, cluster.blueprintId, hostGroups);
    return this.intake.request(cluster, 'scale', {
      hostGroups,
      guard: (tx) => this.validator.checkScaleQuota(scope, hostGroups, nodeCount - group.nodeCount, tx),
      params: { hostGroup, from: group.nodeCount, to: nodeCount, previousHostGroups: cluster.hostGroups },
      message: `Scale of host group ${hostGroup} from ${group.nodeCount} to ${nodeCount} nodes requested${requestedBy ? ` ${requestedBy}` : ''}`,
    });
  }

  requireScalable(cluster: Cluster): void {
    const provider = this.inputs.provider(cluster.providerKind, cluster.providerVariant);
    if (!provider.capabilities.scale) throw new IllegalState(`Provider ${provider.kind}/${provider.variant} cannot scale host groups`);
  }
}
