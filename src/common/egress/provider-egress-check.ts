import { Injectable } from '@nestjs/common';
import type { EgressCheck, EgressPurpose } from '../../providers/registry';
import type { ProviderDescriptor } from '../../providers/spi';
import { FieldProblem, ValidationFailed } from '../errors';
import { endpointsIn } from './credential-endpoints';
import { EgressPolicyService } from './egress-policy.service';

/**
 * The egress policy as the provider registry asks for it before every `connect` (one problem per
 * endpoint of the credential that herd must not reach), and for each address a backend hands out
 * (a service catalog endpoint, a COE's API). Bound to the registry's EGRESS_CHECK token.
 */
@Injectable()
export class ProviderEgressCheck implements EgressCheck {
  constructor(private readonly egress: EgressPolicyService) {}

  async check(descriptor: ProviderDescriptor, parameters: Record<string, unknown>, purpose: EgressPurpose = 'connect'): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    for (const endpoint of endpointsIn(descriptor.credentialSchema, parameters)) {
      try {
        await this.egress.assertAllowed(endpoint.url, { field: endpoint.field, protocols: ['http:', 'https:', 'tcp:', 'unix:'], unresolvedPasses: purpose === 'store' });
      } catch (error) {
        if (!(error instanceof ValidationFailed)) throw error;
        problems.push(...error.details);
      }
    }
    return problems;
  }

  async refusal(url: string): Promise<string | undefined> {
    try {
      await this.egress.assertAllowed(url, { field: 'address', protocols: ['http:', 'https:', 'tcp:'] });
      return undefined;
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return error.details.map((detail) => detail.reason).join('; ');
    }
  }
}
