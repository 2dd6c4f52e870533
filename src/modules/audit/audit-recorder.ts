import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DataSource } from 'typeorm';
import { correlationIdOf } from '../../common/http';
import type { Principal } from '../tenancy';
import { AuditEntry } from './audit-entry.entity';
import { auditTrailOf } from './audit-trail';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The route Nest answers unknown paths with: not a route of herd's. */
const FALLBACK_ROUTE = '/{*path}';
const MAX_TEXT = 512;

/**
 * Writes one audit entry per state-changing request once its answer is sent, whatever the
 * answer (401, 404 and 500 included). Installed first in the HTTP pipeline, so requests that
 * never reach a route (malformed JSON, oversized bodies) are recorded too. Only metadata is
 * kept: never the body, the query string or a header value.
 */
@Injectable()
export class AuditRecorder {
  private readonly logger = new Logger(AuditRecorder.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      if (!READ_METHODS.has(req.method)) {
        const started = Date.now();
        res.once('close', () => void this.record(req, res, started));
      }
      next();
    };
  }

  private async record(req: Request, res: Response, started: number): Promise<void> {
    try {
      await this.db.getRepository(AuditEntry).insert(this.entryOf(req, res, started));
    } catch (error) {
      this.logger.error({ err: error, correlationId: correlationIdOf(req) }, 'could not write the audit entry');
    }
  }

  private entryOf(req: Request, res: Response, started: number): Omit<AuditEntry, 'id'> {
    const principal = (req as Request & { principal?: Principal }).principal;
    const trail = auditTrailOf(req);
    const routePath: unknown = req.route?.path;
    const route = typeof routePath === 'string' && routePath !== FALLBACK_ROUTE ? routePath : null;
    return {
      at: new Date(started),
      tenantId: principal?.tenantId ?? null,
      apiKeyId: principal?.apiKeyId ?? null,
      keyPrefix: principal?.keyPrefix ?? null,
      method: req.method.slice(0, 16),
      route,
      path: clip(req.path ?? req.url.split('?')[0] ?? ''),
      targetId: clipOrNull(trail.createdId ?? (route ? lastParam(req.params) : undefined)),
      status: res.writableFinished ? res.statusCode : 499,
      correlationId: correlationIdOf(req),
      clientIp: req.ip ?? req.socket.remoteAddress ?? null,
      durationMs: Date.now() - started,
    };
  }
}

function lastParam(params: Record<string, string | string[]> | undefined): string | undefined {
  const values = Object.values(params ?? {});
  const last = values[values.length - 1];
  return Array.isArray(last) ? last.join('/') : last;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}

function clipOrNull(text: string | undefined): string | null {
  return text === undefined ? null : clip(text);
}
