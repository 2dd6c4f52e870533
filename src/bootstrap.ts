import { INestApplication, INestApplicationContext, Logger as NestLogger } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { applyServerTimeouts, BodylessRouteInterceptor, OpenStreams, RequestsInFlight, corsOptionsFor, bodyParserErrorHandler, correlationIdMiddleware, createValidationPipe, HttpErrorFilter, jsonBodyParser, setupOpenApi } from './common/http';
import { rememberConfiguredSecrets } from './common/secrets';
import { prepareSchema } from './database/prepare-schema';
import { AuditRecorder } from './modules/audit';
import { DASHBOARD_PATH, dashboardSecurityHeaders } from './modules/dashboard';
import { mountQueueDashboard } from './modules/queue-dashboard';
import type { HerdConfig } from './config/config';
import { readDeploymentId } from './database/deployment-id';
import { markDeployment, SharedRedisPrefix } from './queue/deployment-mark';
import { JobWorkers } from './queue/job-workers';
import { createRedis } from './queue/redis.module';

export interface HerdApp {
  /** The HTTP application: the API (api and all roles), or a worker's ops endpoints (/health, /ready, /metrics). */
  http: INestApplication;
  context: INestApplicationContext;
  /** Serves on the configured address (PORT and HOST; HERD_WORKER_HTTP_PORT and HERD_WORKER_HTTP_HOST in the worker role); resolves to its URL. */
  listen(): Promise<string>;
  /** The graceful stop after SIGTERM: no new jobs, running ones finish or are handed back (HERD_SHUTDOWN_GRACE_MS), then close. */
  shutdown(): Promise<void>;
  close(): Promise<void>;
}

/** Builds herd for its configured role, once the schema is current (HERD_MIGRATIONS says how). */
export async function createHerdApp(options: AppOptions & { runMigrations?: boolean }): Promise<HerdApp> {
  const { config } = options;
  rememberConfiguredSecrets(config);
  if (options.runMigrations !== false) await prepareSchema(config);
  await claimRedisPrefix(config);
  const module = AppModule.forRoot(options);
  const http = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, bufferLogs: true, abortOnError: false });
  http.useLogger(http.get(Logger));
  http.disable('x-powered-by');
  if (config.role === 'worker') {
    http.use(helmet());
    http.useGlobalFilters(new HttpErrorFilter());
    await http.init();
    return herdApp(http, config, config.workerHttp);
  }
  http.set('trust proxy', config.trustProxy);
  const inFlight = new RequestsInFlight();
  http.use(inFlight.middleware);
  http.use(correlationIdMiddleware);
  http.use(http.get(AuditRecorder).middleware());
  http.use(helmet());
  http.use(DASHBOARD_PATH, dashboardSecurityHeaders());
  mountQueueDashboard(http);
  if (config.corsOrigins.length > 0) http.enableCors(corsOptionsFor(config.corsOrigins));
  http.use(jsonBodyParser(config.bodyLimitBytes));
  http.use(bodyParserErrorHandler());
  http.useGlobalPipes(createValidationPipe());
  http.useGlobalInterceptors(new BodylessRouteInterceptor());
  http.useGlobalFilters(new HttpErrorFilter());
  setupOpenApi(http);
  applyServerTimeouts(http.getHttpServer(), config.httpTimeouts);
  await http.init();
  return herdApp(http, config, { port: config.port, host: config.host }, inFlight);
}

/** `inFlight` counts the API's requests; a worker's ops endpoints answer at once and are not counted. */
function herdApp(http: NestExpressApplication, config: HerdConfig, address: { port: number; host: string }, inFlight?: RequestsInFlight): HerdApp {
  return {
    http,
    context: http,
    async listen() {
      await http.listen(address.port, address.host);
      const { port } = http.getHttpServer().address() as AddressInfo;
      return `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${port}`;
    },
    shutdown: () => shutDown(http, config, inFlight),
    close: () => http.close(),
  };
}

/**
 * The API first stops taking connections, ends its event streams and lets the requests in flight
 * finish within the grace, those whose client has gone included (Nest's own close runs the
 * destroy hooks, which close the queues' Redis, before it closes the server). Then job workers,
 * which may still need the database and Redis, then the rest. A worker keeps its /health and
 * /ready up while its jobs drain.
 */
async function shutDown(http: NestExpressApplication, config: HerdConfig, inFlight: RequestsInFlight | undefined): Promise<void> {
  const logger = http.get(Logger);
  const server = http.getHttpServer() as Server;
  if (inFlight) {
    const deadline = Date.now() + config.shutdownGraceMs;
    await closeHttpServer(server, config.shutdownGraceMs, () => http.get(OpenStreams, { strict: false }).endAll());
    if (!(await inFlight.settled(Math.max(0, deadline - Date.now())))) logger.warn('shutdown: requests were still being handled when the grace ended');
  }
  if (config.role !== 'api') {
    const { running, handedBack, abandoned } = await http.get(JobWorkers, { strict: false }).drain(config.shutdownGraceMs);
    logger.log(`shutdown: ${running} job(s) were running; ${running - handedBack - abandoned} ended, ${handedBack} handed back to the queue, ${abandoned} left to the stalled-job check`);
  }
  await closeHttpServer(server, 0, () => undefined);
  await http.close();
}

/**
 * Takes no new connections and resolves once every one has ended: idle ones and open streams
 * (`endStreams`) at once, busy ones after their answer or when the grace is over.
 */
async function closeHttpServer(server: Server, graceMs: number, endStreams: () => void): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  endStreams();
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearTimeout(cut);
  }
}

/**
 * Refuses to start on a Redis prefix another deployment uses: its workers would take this
 * deployment's jobs. A Redis that does not answer now is checked at the next boot.
 */
async function claimRedisPrefix(config: HerdConfig): Promise<void> {
  const deploymentId = await readDeploymentId(config);
  if (!deploymentId) return;
  const redis = createRedis(config);
  try {
    await markDeployment(redis, config.redisPrefix, deploymentId);
  } catch (error) {
    if (error instanceof SharedRedisPrefix) throw error;
    new NestLogger('Bootstrap').warn(`the Redis prefix could not be checked now: ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
