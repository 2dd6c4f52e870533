import { DynamicModule, Module, Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { HerdConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ENTITIES } from './entities';
import { EgressModule } from './common/egress';
import { loggerOptions } from './common/logging';
import { AuditModule } from './modules/audit';
import { BlueprintsModule } from './modules/blueprints';
import { AutoscalingModule } from './modules/autoscaling';
import { ClustersModule } from './modules/clusters';
import { CredentialsModule } from './modules/credentials';
import { DashboardModule } from './modules/dashboard';
import { EventRelayWorkerModule } from './modules/event-relay';
import { HealthModule } from './modules/health';
import { MetricsModule, MonitoringWorkerModule } from './modules/monitoring';
import { NodeCallbacksModule } from './modules/node-callbacks';
import { OperationsWorkerModule } from './modules/operations';
import { ProvidersApiModule } from './modules/providers-api';
import { QuotasApiModule } from './modules/quotas';
import { TenancyModule } from './modules/tenancy';
import { WebhooksModule } from './modules/webhooks';
import { JobQueuesModule } from './queue/job-queues';
import { RedisModule } from './queue/redis.module';
import { ProvidersModule } from './providers/wiring';
import type { ProviderAdapter } from './providers/spi';

/** Modules that serve HTTP: loaded when HERD_ROLE is api or all. */
const API_MODULES: Type[] = [TenancyModule, AuditModule, QuotasApiModule, HealthModule, ProvidersApiModule, BlueprintsModule, CredentialsModule, ClustersModule, AutoscalingModule, NodeCallbacksModule, MetricsModule, WebhooksModule, DashboardModule];
/** Modules that consume queues: loaded when HERD_ROLE is worker or all. */
const WORKER_MODULES: Type[] = [OperationsWorkerModule, MonitoringWorkerModule, EventRelayWorkerModule];
/** What a worker-role process serves on its own ops port (HERD_WORKER_HTTP_PORT); the api and all roles serve them with the API. */
const WORKER_OPS_MODULES: Type[] = [HealthModule, MetricsModule];

export interface AppOptions {
  config: HerdConfig;
  /** Where logs go; stdout when absent. Tests pass a stream to read them back. */
  logDestination?: DestinationStream;
  /** Adapters registered beside the built-ins and plugins (embedding herd, tests). */
  providerAdapters?: ProviderAdapter[];
}

@Module({})
export class AppModule {
  static forRoot({ config, logDestination, providerAdapters }: AppOptions): DynamicModule {
    const api = config.role !== 'worker';
    const worker = config.role !== 'api';
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, logDestination)),
        DatabaseModule.forRoot(ENTITIES),
        RedisModule,
        JobQueuesModule,
        EgressModule,
        ProvidersModule.forRoot({ extraAdapters: providerAdapters }),
        // Both roles check quotas; the clusters table is what a tenant holds.
        ...(api ? API_MODULES : []),
        ...(worker ? WORKER_MODULES : []),
        ...(api ? [] : WORKER_OPS_MODULES),
      ],
    };
  }
}
