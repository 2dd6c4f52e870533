import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { correlationIdOf, errorBody } from '../../common/http';
import { QUEUE_NAMES } from '../../queue/job-catalogue';
import { JobQueues } from '../../queue/job-queues';
import { AdminGate } from '../tenancy';

/** Where the API serves the queue dashboard. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board over herd's queues, for admin keys only: it shows every tenant's jobs and can retry
 * or remove them. Mounted on the Express instance, beside the Nest routes.
 */
export function mountQueueDashboard(http: NestExpressApplication): void {
  const queues = http.get(JobQueues);
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues.queue(name))), serverAdapter: board, options: { uiConfig: { boardTitle: 'herd queues' } } });
  http.use(QUEUE_DASHBOARD_PATH, adminsOnly(http.get(AdminGate, { strict: false })), board.getRouter());
}

function adminsOnly(gate: AdminGate) {
  return (req: Request, res: Response, next: NextFunction) => {
    gate.judge(req.headers.authorization).then(
      (verdict) => {
        if (verdict === 'admin') return next();
        if (verdict === 'no-key') res.setHeader('WWW-Authenticate', 'Basic realm="herd admin", charset="UTF-8"');
        const status = verdict === 'no-key' ? 401 : 403;
        const message = verdict === 'no-key' ? 'The queue dashboard needs an admin API key: "Authorization: Bearer <key>", or Basic auth with the key as password' : 'The queue dashboard is for admin keys only';
        res.status(status).json(errorBody(status, verdict === 'no-key' ? 'UNAUTHENTICATED' : 'FORBIDDEN', message, [], correlationIdOf(req)));
      },
      (error: unknown) => next(error),
    );
  };
}
