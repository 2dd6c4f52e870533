import { Module, OnModuleInit } from '@nestjs/common';
import { BlueprintsModule, BlueprintUsage } from '../blueprints';
import { CredentialsModule, CredentialUsage } from '../credentials';
import { QuotasModule, QuotaService } from '../quotas';
import { CLUSTER_INPUTS } from './cluster-inputs';
import { ClusterUsage } from './cluster-usage';
import { WiredClusterInputs } from './wired-cluster-inputs';

/**
 * Binds the lifecycle's port to the blueprint, credential, provider and quota features, and
 * registers clusters as users of blueprints and credentials (deleting one in use is a 409) and as
 * what quotas count.
 */
@Module({
  imports: [BlueprintsModule, CredentialsModule, QuotasModule],
  providers: [ClusterUsage, { provide: CLUSTER_INPUTS, useClass: WiredClusterInputs }],
  exports: [CLUSTER_INPUTS, ClusterUsage],
})
export class ClusterInputsModule implements OnModuleInit {
  constructor(
    private readonly blueprintUsage: BlueprintUsage,
    private readonly credentialUsage: CredentialUsage,
    private readonly quotas: QuotaService,
    private readonly clusters: ClusterUsage,
  ) {}

  onModuleInit(): void {
    this.blueprintUsage.register((scope, blueprintId) => this.clusters.usingBlueprint(scope, blueprintId));
    this.credentialUsage.register((scope, credentialId) => this.clusters.usingCredential(scope, credentialId));
    this.quotas.countWith(this.clusters);
  }
}
