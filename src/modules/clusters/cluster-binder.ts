import { Inject, Injectable } from '@nestjs/common';
import type { ClusterSpec, ProviderConnection, ProviderDescriptor } from '../../providers/spi';
import { CLUSTER_INPUTS, ClusterBlueprint, ClusterInputs } from './cluster-inputs';
import { ClusterSpecBuilder } from './cluster-spec.builder';
import type { Cluster } from '../lifecycle';

/** A cluster bound to its provider: what a worker needs to observe or change it. */
export interface BoundCluster {
  blueprint: ClusterBlueprint;
  spec: ClusterSpec;
  provider: ProviderDescriptor;
  connection: ProviderConnection;
}

/** Resolves a cluster's blueprint and credential in its tenant, builds its spec and connects to its provider. */
@Injectable()
export class ClusterBinder {
  constructor(
    @Inject(CLUSTER_INPUTS) private readonly inputs: ClusterInputs,
    private readonly specs: ClusterSpecBuilder,
  ) {}

  async bind(cluster: Cluster): Promise<BoundCluster> {
    const scope = { tenantId: cluster.tenantId };
    const [blueprint, credential] = await Promise.all([this.inputs.blueprint(scope, cluster.blueprintId), this.inputs.credential(scope, cluster.credentialId)]);
    const provider = this.inputs.provider(credential.kind, credential.variant);
    const spec = await this.specs.build(cluster, blueprint);
    const connection = await this.inputs.connect(credential);
    return { blueprint, spec, provider, connection };
  }
}
