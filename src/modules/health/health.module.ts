import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RedisModule } from '../../queue/redis.module';
import { HealthController } from './health.controller';
import { ReadinessChecks } from './readiness-checks';

/** Liveness and readiness, in every role (the worker role serves them on its ops port). */
@Module({ imports: [RedisModule, TerminusModule.forRoot({ logger: false })], controllers: [HealthController], providers: [ReadinessChecks] })
export class HealthModule {}
