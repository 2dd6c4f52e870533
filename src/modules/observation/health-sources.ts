import { Injectable } from '@nestjs/common';
import type { ProviderDescriptor } from '../../providers/spi';
import type { HealthSource } from './health-source';
import { PulledHealth } from './pulled-health';
import { PushedHealth } from './pushed-health';

/** The health source of a provider, chosen once by its `healthReporting` capability. */
@Injectable()
export class HealthSources {
  constructor(
    private readonly pulled: PulledHealth,
    private readonly pushed: PushedHealth,
  ) {}

  of(provider: Pick<ProviderDescriptor, 'capabilities'>): HealthSource {
    return provider.capabilities.healthReporting === 'push' ? this.pushed : this.pulled;
  }
}
