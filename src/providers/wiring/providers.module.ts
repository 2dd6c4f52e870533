import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { EgressModule } from '../../common/egress';
import { REDIS, RedisModule } from '../../queue/redis.module';
import { instantiateBuiltIns } from './built-in';
import { EGRESS_CHECK, EgressCheck } from '../registry/egress-check';
import { loadPlugin } from '../registry/plugin-loader';
import { AdapterSource, ProviderRegistry, ProviderRegistryError } from '../registry/provider-registry';
import type { ProviderAdapter } from '../spi';

export interface ProvidersModuleOptions {
  /** Adapters registered beside the built-ins and plugins, with the same checks (embedding herd, tests). */
  extraAdapters?: ProviderAdapter[];
}

/** The provider registry, for every module that talks to a backend. Boot stops when an adapter is invalid. */
@Global()
@Module({})
export class ProvidersModule {
  static forRoot(options: ProvidersModuleOptions = {}): DynamicModule {
    return {
      module: ProvidersModule,
      imports: [RedisModule, EgressModule],
      providers: [
        {
          provide: ProviderRegistry,
          inject: [HERD_CONFIG, REDIS, { token: EGRESS_CHECK, optional: true }],
          useFactory: (config: HerdConfig, redis: Redis | Cluster, egress?: EgressCheck) => createRegistry(config, redis, options, egress),
        },
      ],
      exports: [ProviderRegistry],
    };
  }
}

function createRegistry(config: HerdConfig, redis: Redis | Cluster, options: ProvidersModuleOptions, egress?: EgressCheck): ProviderRegistry {
  const sources: AdapterSource[] = [{ source: 'built-in', adapters: instantiateBuiltIns({ config, redis }) }];
  const failures: string[] = [];
  for (const spec of config.providerPlugins) {
    try {
      sources.push(loadPlugin(spec));
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  if (failures.length > 0) throw new ProviderRegistryError(failures);
  if (options.extraAdapters?.length) sources.push({ source: 'extra adapters', adapters: options.extraAdapters });
  return ProviderRegistry.create(sources, egress);
}
