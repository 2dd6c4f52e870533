import { Global, Module } from '@nestjs/common';
import { QuotaService } from './quota.service';
import { NoClustersYetUsageCounter, USAGE_COUNTER } from './usage-counter';

/**
 * Quotas per tenant, for API and worker alike: QuotaService is exported to every module (cluster
 * create and scale call `assertWithin`); USAGE_COUNTER is where the clusters module plugs in.
 */
@Global()
@Module({
  providers: [QuotaService, { provide: USAGE_COUNTER, useClass: NoClustersYetUsageCounter }],
  exports: [QuotaService],
})
export class QuotasModule {}
