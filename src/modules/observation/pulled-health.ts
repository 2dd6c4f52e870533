import { Injectable } from '@nestjs/common';
import type { ClusterSpec, NodeSpec, ObservedNode } from '../../providers/spi';
import { HadoopMeasurement, HadoopVerifier, Verification } from './hadoop-verifier';
import type { HealthSource, HealthTarget } from './health-source';

/** Health for providers whose nodes herd reaches (`healthReporting: 'pull'`): Hadoop's own endpoints say it. */
@Injectable()
export class PulledHealth implements HealthSource {
  constructor(private readonly verifier: HadoopVerifier) {}

  async prepareLaunch(target: HealthTarget, launch: NodeSpec[]): Promise<{ spec: ClusterSpec; launch: NodeSpec[] }> {
    return { spec: target.spec, launch };
  }

  async overlay(_target: HealthTarget, observed: ObservedNode[]): Promise<ObservedNode[]> {
    return observed;
  }

  verify(target: HealthTarget, kept: ObservedNode[]): Promise<Verification> {
    return this.verifier.verify(target.spec, kept);
  }

  measure(target: HealthTarget, observed: ObservedNode[]): Promise<HadoopMeasurement[]> {
    return this.verifier.measure(target.spec, observed);
  }

  async forget(): Promise<void> {}
}
