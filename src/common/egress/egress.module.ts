import { Module } from '@nestjs/common';
import { EGRESS_CHECK } from '../../providers/registry';
import { EgressPolicyService } from './egress-policy.service';
import { ProviderEgressCheck } from './provider-egress-check';

@Module({
  providers: [EgressPolicyService, ProviderEgressCheck, { provide: EGRESS_CHECK, useExisting: ProviderEgressCheck }],
  exports: [EgressPolicyService, ProviderEgressCheck, EGRESS_CHECK],
})
export class EgressModule {}
