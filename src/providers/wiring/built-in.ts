import type { Cluster, Redis } from 'ioredis';
import type { HerdConfig } from '../../config/config';
import { dockerProvider } from '../docker';
import { HeatAdapter, MagnumAdapter, NovaAdapter } from '../openstack';
import { simBuiltIn } from '../sim';
import type { ProviderAdapter } from '../spi';

/** What a built-in adapter may need from herd to build itself (the sim keeps its state in Redis). */
export interface BuiltInContext {
  config: HerdConfig;
  redis: Redis | Cluster;
}

export type BuiltInAdapter = ProviderAdapter | ((context: BuiltInContext) => ProviderAdapter);

/** The adapters herd ships with; plugins from HERD_PROVIDER_PLUGINS come on top. */
export const BUILT_IN_ADAPTERS: BuiltInAdapter[] = [simBuiltIn, dockerProvider, new NovaAdapter(), new HeatAdapter(), new MagnumAdapter()];

export function instantiateBuiltIns(context: BuiltInContext, builtIns: BuiltInAdapter[] = BUILT_IN_ADAPTERS): ProviderAdapter[] {
  return builtIns.map((builtIn) => (typeof builtIn === 'function' ? builtIn(context) : builtIn));
}
