import { DynamicModule, Module, Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { HerdConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { loggerOptions } from './common/logging/logger-options';
import { HealthModule } from './modules/health/health.module';
import { NodeCallbacksModule } from './modules/node-callbacks/node-callbacks.module';
import { TenancyModule } from './modules/tenancy/tenancy.module';
import { RedisModule } from './queue/redis.module';

/** Modules that serve HTTP: loaded when HERD_ROLE is api or all. */
const API_MODULES: Type[] = [TenancyModule, HealthModule, NodeCallbacksModule];
/** Modules that consume queues: loaded when HERD_ROLE is worker or all. */
const WORKER_MODULES: Type[] = [];

export interface AppOptions {
  config: HerdConfig;
  /** Where logs go; stdout when absent. Tests pass a stream to read them back. */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot({ config, logDestination }: AppOptions): DynamicModule {
    const api = config.role !== 'worker';
    const worker = config.role !== 'api';
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, logDestination)),
        DatabaseModule,
        RedisModule,
        ...(api ? API_MODULES : []),
        ...(worker ? WORKER_MODULES : []),
      ],
    };
  }
}
