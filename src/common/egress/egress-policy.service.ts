import { Inject, Injectable } from '@nestjs/common';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { AllowedEndpoint, assertEgressAllowed, EgressCheck, EgressPolicy, egressPolicyOf } from './egress-policy';

/** The configured egress policy, for code that runs inside the Nest container. */
@Injectable()
export class EgressPolicyService {
  readonly policy: EgressPolicy;

  constructor(@Inject(HERD_CONFIG) config: HerdConfig) {
    this.policy = egressPolicyOf(config);
  }

  /** Throws VALIDATION_FAILED naming `check.field` when herd must not connect to `endpoint`. */
  assertAllowed(endpoint: string, check: EgressCheck): Promise<AllowedEndpoint> {
    return assertEgressAllowed(endpoint, this.policy, check);
  }
}
