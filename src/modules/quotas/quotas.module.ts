import { Module } from '@nestjs/common';
import { QuotaService } from './quota.service';

/**
 * Quotas per tenant, for API and worker alike (cluster create and scale call `assertWithin`).
 * What a tenant holds is counted by the `UsageCounter` the clusters module registers, so this
 * module knows nothing of the clusters it counts.
 */
@Module({ providers: [QuotaService], exports: [QuotaService] })
export class QuotasModule {}
