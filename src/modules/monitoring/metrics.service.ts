import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import { FleetExporter } from './fleet-exporter';
import { FleetMetrics } from './fleet-metrics';
import { HerdMetrics } from './herd-metrics';

/** One scrape: this process's own series, and the fleet-wide ones when this process is the fleet exporter. */
@Injectable()
export class MetricsService {
  readonly contentType = Registry.PROMETHEUS_CONTENT_TYPE;

  constructor(
    private readonly own: HerdMetrics,
    private readonly fleet: FleetMetrics,
    private readonly exporter: FleetExporter,
  ) {}

  async render(): Promise<string> {
    const exporting = await this.exporter.holds();
    this.own.exportsFleet(exporting);
    if (!exporting) return this.own.registry.metrics();
    return (await Registry.merge([this.own.registry, await this.fleet.collect()])).metrics();
  }
}
