import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProviderCall, ProviderCallObserver } from '../../providers/registry';
import { ProviderRegistry } from '../../providers/registry';
import { type JobOutcome, type JobRunObserver, JobWorkers } from '../../queue/job-workers';
import type { QueueName } from '../../queue/job-catalogue';

const SECONDS = { http: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], provider: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], jobWait: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 300, 900], jobRun: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800, 3600] };

/**
 * This process's own figures, in a registry of its own (not prom-client's global one, so that
 * several herd apps in one process keep theirs apart): what this process did, never a fleet total.
 */
@Injectable()
export class HerdMetrics implements ProviderCallObserver, JobRunObserver, OnModuleInit {
  readonly registry = new Registry();
  private readonly operations = new Counter({ name: 'herd_operations_total', help: 'Operations this process finished, by type and outcome', labelNames: ['type', 'outcome'], registers: [this.registry] });
  private readonly providerCalls = new Counter({ name: 'herd_provider_calls_total', help: 'Provider calls this process made, by provider (kind/variant), call and outcome (ok, retryable, fatal)', labelNames: ['provider', 'call', 'outcome'], registers: [this.registry] });
  private readonly providerSeconds = new Histogram({ name: 'herd_provider_call_duration_seconds', help: 'How long provider calls took, by provider (kind/variant) and call', labelNames: ['provider', 'call'], buckets: SECONDS.provider, registers: [this.registry] });
  private readonly httpSeconds = new Histogram({ name: 'herd_http_request_duration_seconds', help: 'HTTP requests this process answered, by method, route template and status', labelNames: ['method', 'route', 'status'], buckets: SECONDS.http, registers: [this.registry] });
  private readonly jobWait = new Histogram({ name: 'herd_job_wait_seconds', help: 'From a job being due (enqueued, or its delay over) to its first start, by queue and job', labelNames: ['queue', 'job'], buckets: SECONDS.jobWait, registers: [this.registry] });
  private readonly jobRun = new Histogram({ name: 'herd_job_run_seconds', help: 'How long job runs took in this process, by queue, job and outcome', labelNames: ['queue', 'job', 'outcome'], buckets: SECONDS.jobRun, registers: [this.registry] });
  private readonly fleetExporter = new Gauge({ name: 'herd_fleet_exporter', help: 'Whether this process exports the fleet-wide series (herd_cluster_*, herd_queue_jobs, herd_redis_up): 1 in exactly one process of a deployment', registers: [this.registry] });

  constructor(
    private readonly modules: ModuleRef,
    @Optional() private readonly providers?: ProviderRegistry,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Before the job workers start (at application bootstrap), so no run goes uncounted. */
  onModuleInit(): void {
    this.providers?.observeCalls(this);
    this.jobWorkers()?.observeRuns(this);
  }

  /** The job workers, present in the worker role only. */
  private jobWorkers(): JobWorkers | undefined {
    try {
      return this.modules.get(JobWorkers, { strict: false });
    } catch {
      return undefined;
    }
  }

  operationFinished(type: string, outcome: 'succeeded' | 'failed'): void {
    this.operations.inc({ type, outcome });
  }

  /** `route`: the route's template (`/v1/clusters/:idOrName`), never the raw path, so the label stays bounded. */
  httpRequestEnded(method: string, route: string, status: number, seconds: number): void {
    this.httpSeconds.observe({ method, route, status: String(status) }, seconds);
  }

  providerCallEnded({ provider, call, outcome, seconds }: ProviderCall): void {
    this.providerCalls.inc({ provider, call, outcome });
    this.providerSeconds.observe({ provider, call }, seconds);
  }

  jobStarted({ queue, name, waitedSeconds }: { queue: QueueName; name: string; waitedSeconds?: number }): void {
    if (waitedSeconds !== undefined) this.jobWait.observe({ queue, job: name }, waitedSeconds);
  }

  jobEnded({ queue, name, outcome, seconds }: { queue: QueueName; name: string; outcome: JobOutcome; seconds: number }): void {
    this.jobRun.observe({ queue, job: name, outcome }, seconds);
  }

  exportsFleet(exporter: boolean): void {
    this.fleetExporter.set(exporter ? 1 : 0);
  }
}
