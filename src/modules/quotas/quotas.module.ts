import { Global, Module } from '@nestjs/common';
import { QuotaService } from './quota.service';
import { ClusterUsage } from '../clusters/cluster-usage';
import { USAGE_COUNTER } from './usage-counter';

/**
 * Quotas per tenant, for API and worker alike: QuotaService is exported to every module (cluster
 * create and scale call `assertWithin`); USAGE_COUNTER counts the tenant's live clusters and their nodes.
 */
@Global()
@Module({
  providers: [QuotaService, { provide: USAGE_COUNTER, useClass: ClusterUsage }],
  exports: [QuotaService],
})
export class QuotasModule {}
