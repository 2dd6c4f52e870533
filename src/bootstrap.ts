import { INestApplication, INestApplicationContext, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { applyServerTimeouts, BodylessRouteInterceptor, corsOptionsFor, bodyParserErrorHandler, correlationIdMiddleware, createValidationPipe, HttpErrorFilter, jsonBodyParser, setupOpenApi } from './common/http';
import { rememberConfiguredSecrets } from './common/secrets';
import { prepareSchema } from './database/prepare-schema';
import { AuditRecorder } from './modules/audit';
import type { HerdConfig } from './config/config';
import { readDeploymentId } from './database/deployment-id';
import { markDeployment, SharedRedisPrefix } from './queue/deployment-mark';
import { createRedis } from './queue/redis.module';

export interface HerdApp {
  /** The HTTP application, present when the role serves the API. */
  http?: INestApplication;
  context: INestApplicationContext;
  close(): Promise<void>;
}

/** Builds herd for its configured role, once the schema is current (HERD_MIGRATIONS says how). */
export async function createHerdApp(options: AppOptions & { runMigrations?: boolean }): Promise<HerdApp> {
  const { config } = options;
  rememberConfiguredSecrets(config);
  if (options.runMigrations !== false) await prepareSchema(config);
  await claimRedisPrefix(config);
  const module = AppModule.forRoot(options);
  if (config.role === 'worker') {
    const context = await NestFactory.createApplicationContext(module, { bufferLogs: true, abortOnError: false });
    context.useLogger(context.get(Logger));
    context.enableShutdownHooks();
    await context.init();
    return { context, close: () => context.close() };
  }
  const http = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, bufferLogs: true, abortOnError: false });
  http.useLogger(http.get(Logger));
  http.disable('x-powered-by');
  http.set('trust proxy', config.trustProxy);
  http.use(correlationIdMiddleware);
  http.use(http.get(AuditRecorder).middleware());
  http.use(helmet());
  if (config.corsOrigins.length > 0) http.enableCors(corsOptionsFor(config.corsOrigins));
  http.use(jsonBodyParser(config.bodyLimitBytes));
  http.use(bodyParserErrorHandler());
  http.useGlobalPipes(createValidationPipe());
  http.useGlobalInterceptors(new BodylessRouteInterceptor());
  http.useGlobalFilters(new HttpErrorFilter());
  http.enableShutdownHooks();
  setupOpenApi(http);
  applyServerTimeouts(http.getHttpServer(), config.httpTimeouts);
  await http.init();
  return { http, context: http, close: () => http.close() };
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
