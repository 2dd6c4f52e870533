import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy';
import { QuotasController } from './quotas.controller';
import { QuotasModule } from './quotas.module';

/** The quota endpoints, loaded only where HTTP is served. */
@Module({ imports: [TenancyModule, QuotasModule], controllers: [QuotasController] })
export class QuotasApiModule {}
