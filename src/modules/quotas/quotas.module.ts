import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { QuotaService } from './quota.service';
import { USAGE_COUNTER, UsageCounter } from './usage-counter';

/**
 * Quotas per tenant, for API and worker alike: QuotaService is exported to every module (cluster
 * create and scale call `assertWithin`). What a tenant holds is counted by the `UsageCounter` the
 * app binds here, so this module knows nothing of the clusters it counts.
 */
@Global()
@Module({})
export class QuotasModule {
  static countingWith(counter: Type<UsageCounter>): DynamicModule {
    return {
      module: QuotasModule,
      providers: [QuotaService, { provide: USAGE_COUNTER, useClass: counter }],
      exports: [QuotaService],
    };
  }
}
