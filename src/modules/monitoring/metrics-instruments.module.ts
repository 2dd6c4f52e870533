import { Module } from '@nestjs/common';
import { HerdMetrics } from './herd-metrics';

/** This process's counters and histograms, for the modules that count (operations) and the one that serves them. */
@Module({ providers: [HerdMetrics], exports: [HerdMetrics] })
export class MetricsInstrumentsModule {}
