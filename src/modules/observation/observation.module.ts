import { Module } from '@nestjs/common';
import { RedisModule } from '../../queue/redis.module';
import { NodeCallbacksCoreModule } from '../node-callbacks';
import { HadoopVerifier } from './hadoop-verifier';
import { HealthSamples } from './health-samples';
import { HealthSources } from './health-sources';
import { NodeLedger } from './node-ledger';
import { ProviderThrottle } from './provider-throttle';
import { PulledHealth } from './pulled-health';
import { PushedHealth } from './pushed-health';

/** How herd reads a cluster's truth, for operations and probes alike: provider calls under a throttle, the node ledger, Hadoop's own word, the health source of each provider (pulled or pushed) and the kept health samples. */
@Module({
  imports: [NodeCallbacksCoreModule, RedisModule],
  providers: [HadoopVerifier, NodeLedger, ProviderThrottle, PulledHealth, PushedHealth, HealthSources, HealthSamples],
  exports: [HadoopVerifier, NodeLedger, ProviderThrottle, HealthSources, HealthSamples],
})
export class ObservationModule {}
