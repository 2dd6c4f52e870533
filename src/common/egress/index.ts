export { EgressModule } from './egress.module';
export { EgressPolicyService } from './egress-policy.service';
export type { EgressCheck } from './egress-policy';
