import { Module } from '@nestjs/common';
import { QuotasController } from './quotas.controller';

/** The quota endpoints, loaded only where HTTP is served. */
@Module({ controllers: [QuotasController] })
export class QuotasApiModule {}
