import { Global, Module } from '@nestjs/common';
import { EgressPolicyService } from './egress-policy.service';
import { ProviderEgressCheck } from './provider-egress-check';

@Global()
@Module({ providers: [EgressPolicyService, ProviderEgressCheck], exports: [EgressPolicyService, ProviderEgressCheck] })
export class EgressModule {}
