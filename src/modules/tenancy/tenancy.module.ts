import { Module } from '@nestjs/common';
import { RedisModule } from '../../queue/redis.module';
import { APP_GUARD } from '@nestjs/core';
import { AdminGate } from './admin-gate';
import { ApiKeyService } from './api-key.service';
import { ApiKeysController } from './api-keys.controller';
import { AuthGuard } from './auth.guard';
import { MeController } from './me.controller';
import { RateLimiter } from './rate-limiter';
import { StreamTokens } from './stream-tokens';
import { TenantService } from './tenant.service';
import { TenantsController } from './tenants.controller';

@Module({
  imports: [RedisModule],
  controllers: [TenantsController, ApiKeysController, MeController],
  providers: [AdminGate, ApiKeyService, TenantService, RateLimiter, StreamTokens, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AdminGate, ApiKeyService, TenantService, StreamTokens],
})
export class TenancyModule {}
