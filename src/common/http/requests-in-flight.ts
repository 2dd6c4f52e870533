import type { NextFunction, Request, Response } from 'express';

/**
 * Counts the requests whose handler has not answered yet, so that a graceful stop keeps the
 * database and Redis until they have. The server's own close is not enough: a client that hangs
 * up takes its connection away while its handler still runs.
 */
export class RequestsInFlight {
  private count = 0;
  private readonly waiting = new Set<() => void>();

  /** Express middleware: a request counts until its response is ended (answered, or an event stream ended). */
  readonly middleware = (_request: Request, response: Response, next: NextFunction): void => {
    this.count++;
    let counted = true;
    const end = response.end.bind(response) as (...args: unknown[]) => Response;
    response.end = ((...args: unknown[]) => {
      if (counted) {
        counted = false;
        this.settle();
      }
      return end(...args);
    }) as Response['end'];
    next();
  };

  /** Resolves true once no request is in flight, or false when `timeoutMs` passes first. */
  settled(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(done);
        resolve(false);
      }, timeoutMs);
      this.waiting.add(done);
    });
  }

  private settle(): void {
    this.count--;
    if (this.count === 0) for (const done of [...this.waiting]) done();
  }
}
