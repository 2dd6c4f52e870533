import { Module } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { CLUSTER_INPUTS, ClusterInputs } from './cluster-inputs';

const unavailable = (): never => {
  throw new DomainError('PROVIDER_UNAVAILABLE', 'Blueprints, credentials and providers are not part of this build yet');
};

/** Binds the lifecycle's port to the blueprint, credential, provider and quota features. */
@Module({
  providers: [
    {
      provide: CLUSTER_INPUTS,
      useValue: {
        blueprint: unavailable,
        sizeProblems: unavailable,
        componentSpecs: unavailable,
        credential: unavailable,
        provider: unavailable,
        connect: unavailable,
        assertQuota: unavailable,
      } satisfies ClusterInputs,
    },
  ],
  exports: [CLUSTER_INPUTS],
})
export class ClusterInputsModule {}
