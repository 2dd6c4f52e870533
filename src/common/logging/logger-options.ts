import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { HerdConfig } from '../../config/config';
import { correlationIdOf } from '../http';
import { redactedUrl } from './redacted-url';
import { scrubbedDestination } from './scrubbed-destination';

/** Paths pino replaces with [redacted] wherever they appear in a log object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.apiKey',
  '*.parameters',
  'parameters',
  'credential.parameters',
  '*.secretEnvelope',
];

export function loggerOptions(config: Pick<HerdConfig, 'logLevel'>, destination?: DestinationStream): Params {
  return {
    pinoHttp: [
      {
        level: config.logLevel,
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        genReqId: (req) => correlationIdOf(req),
        customProps: (req) => ({ correlationId: correlationIdOf(req) }),
        autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/ready' },
        serializers: {
          req: (req: { id: string; method: string; url: string; headers: Record<string, unknown> }) => ({ id: req.id, method: req.method, url: redactedUrl(req.url), headers: req.headers }),
        },
      },
      scrubbedDestination(destination),
    ] as Params['pinoHttp'],
  };
}
