import { Controller, Get, Headers, HttpCode, OnModuleDestroy, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ValidationFailed } from '../../common/errors';
import { ApiErrors, OpenStreams, type Page, PageResponse } from '../../common/http';
import { ClusterEventView, StreamTokenView } from './cluster-event.response';
import { ListEventsQuery } from './cluster-events.dto';
import { eventView } from './cluster.view';
import { ClustersService } from './clusters.service';
import { AcceptsStreamToken, CurrentPrincipal, Principal, RequireRole, StreamTokens } from '../tenancy';
import { ClusterEvents, EventWakeups } from '../events';

const HEARTBEAT_MS = 15_000;
/** Also re-read on a timer, in case a wake-up was published while Redis was unreachable. */
const SAFETY_POLL_MS = 2_000;
const BATCH = 500;

@ApiTags('clusters')
@ApiErrors(401, 429)
@Controller('v1/clusters/:idOrName/events')
export class ClusterEventsController implements OnModuleDestroy {
  constructor(
    private readonly openStreams: OpenStreams,
    private readonly clusters: ClustersService,
    private readonly events: ClusterEvents,
    private readonly wakeups: EventWakeups,
    private readonly streamTokens: StreamTokens,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'listClusterEvents', summary: 'Events of a cluster, oldest first' })
  @ApiOkResponse({ type: PageResponse(ClusterEventView) })
  @ApiErrors(400, 404)
  async list(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Query() query: ListEventsQuery): Promise<Page<ClusterEventView>> {
    const { id } = await this.clusters.find(principal, idOrName);
    const { items, total } = await this.events.page(id, { afterId: query.after, limit: query.limit, offset: query.offset });
    return { items: items.map(eventView), total, limit: query.limit, offset: query.offset };
  }

  @Post('stream-tokens')
  @HttpCode(200)
  @RequireRole('viewer')
  @ApiOperation({ operationId: 'createEventStreamToken', summary: "A short-lived token that opens this cluster's event stream from a browser, whose EventSource cannot send an Authorization header" })
  @ApiOkResponse({ type: StreamTokenView })
  @ApiErrors(400, 404)
  async streamToken(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string): Promise<StreamTokenView> {
    const cluster = await this.clusters.find(principal, idOrName);
    const path = `/v1/clusters/${cluster.id}/events/stream`;
    const { token, expiresAt } = this.streamTokens.issue(principal, path);
    return { token, expiresAt: expiresAt.toISOString(), streamUrl: `${path}?access_token=${token}` };
  }

  @Get('stream')
  @AcceptsStreamToken()
  @ApiOperation({ operationId: 'streamClusterEvents', summary: 'Live events as Server-Sent Events; resumes after the Last-Event-ID header' })
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Server-Sent Events: `id` is the event id, `event` its type, `data` a ClusterEventView as JSON; a comment line every 15 s keeps the connection open', schema: { type: 'string' } })
  @ApiErrors({ status: 400, description: 'Last-Event-ID is not an event id' }, 404)
  async stream(
    @CurrentPrincipal() principal: Principal,
    @Param('idOrName') idOrName: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    if (lastEventId !== undefined && !/^\d{1,18}$/.test(lastEventId)) throw new ValidationFailed([{ field: 'Last-Event-ID', reason: 'must be an event id' }]);
    const { id } = await this.clusters.find(principal, idOrName);
    response.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    response.flushHeaders();

    let after = lastEventId ?? '0';
    let closed = false;
    const stopWatching: (() => void)[] = [];
    // Registered before any await: a client can leave (or a shutdown end the stream) while it is set up.
    request.on('close', () => {
      closed = true;
      for (const stop of stopWatching) stop();
    });
    this.openStreams.track(response);
    let draining: Promise<void> | undefined;
    let again = false;
    const drain = async (): Promise<void> => {
      do {
        again = false;
        for (;;) {
          const { items } = await this.events.page(id, { afterId: after, limit: BATCH });
          if (closed) return;
          for (const event of items) {
            response.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(eventView(event))}\n\n`);
            after = event.id;
          }
          if (items.length < BATCH) break;
        }
      } while (again && !closed);
    };
    const wake = () => {
      if (closed) return;
      if (draining) {
        again = true;
        return;
      }
      draining = drain()
        .catch(() => undefined)
        .finally(() => (draining = undefined));
    };
    const unwatch = await this.wakeups.watch(id, wake);
    if (closed) return unwatch();
    const poll = setInterval(wake, SAFETY_POLL_MS);
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    stopWatching.push(unwatch, () => clearInterval(poll), () => clearInterval(heartbeat));
    wake();
  }

  onModuleDestroy(): void {
    this.openStreams.endAll();
  }
}
