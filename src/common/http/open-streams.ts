import { Injectable } from '@nestjs/common';
import type { Response } from 'express';

/**
 * Responses that stay open until the client leaves (event streams). A graceful stop ends them
 * once the server takes no new connections, so that closing the server waits only for ordinary
 * requests in flight; a stream still being set up then is ended as soon as it is tracked.
 */
@Injectable()
export class OpenStreams {
  private readonly open = new Set<Response>();
  private ending = false;

  /** Tracks `response` until it closes. */
  track(response: Response): void {
    if (this.ending) return end(response);
    this.open.add(response);
    response.once('close', () => this.open.delete(response));
  }

  endAll(): void {
    this.ending = true;
    for (const response of this.open) end(response);
  }
}

/** Ends a stream and its connection: a client reconnects to a stream, it does not reuse the connection. */
function end(response: Response): void {
  response.end(() => response.socket?.destroy());
}
