import { Global, Module } from '@nestjs/common';
import { EgressPolicyService } from './egress-policy.service';

@Global()
@Module({ providers: [EgressPolicyService], exports: [EgressPolicyService] })
export class EgressModule {}
