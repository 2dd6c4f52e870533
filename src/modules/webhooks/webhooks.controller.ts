import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors, Page, PageQuery, PageResponse, UuidParam } from '../../common/http';
import { CurrentPrincipal, Principal } from '../tenancy';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook-input.dto';
import { WebhookDeliveryView, WebhookView, WebhookWithSecretView } from './dto/webhook-view';
import { WebhooksService } from './webhooks.service';

const webhookUuid = new UuidParam('webhook');
const BAD_INPUT = { status: 400, description: 'A bad field, or a url the egress policy refuses (named in details)' } as const;

@ApiTags('webhooks')
@ApiErrors(401, 429)
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ operationId: 'createWebhook', summary: 'Subscribe a URL to kinds of cluster event; the answer shows the signing secret, once' })
  @ApiCreatedResponse({ type: WebhookWithSecretView, headers: { Location: { description: 'The new webhook', schema: { type: 'string' } } } })
  @ApiErrors(BAD_INPUT, 403)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWebhookDto, @Res({ passthrough: true }) response: Response): Promise<WebhookWithSecretView> {
    const created = await this.webhooks.create(principal, body);
    response.setHeader('Location', `/v1/webhooks/${created.id}`);
    return created;
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhooks', summary: "The tenant's webhooks, oldest first, a page at a time" })
  @ApiOkResponse({ type: PageResponse(WebhookView) })
  @ApiErrors(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery): Promise<Page<WebhookView>> {
    return this.webhooks.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getWebhook', summary: 'One webhook, without its secret' })
  @ApiOkResponse({ type: WebhookView })
  @ApiErrors(404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', webhookUuid) id: string): Promise<WebhookView> {
    return this.webhooks.get(principal, id);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateWebhook', summary: 'Change the url, kinds, description, or enable again a webhook herd disabled' })
  @ApiOkResponse({ type: WebhookView })
  @ApiErrors(BAD_INPUT, 403, 404)
  update(@CurrentPrincipal() principal: Principal, @Param('id', webhookUuid) id: string, @Body() body: UpdateWebhookDto): Promise<WebhookView> {
    return this.webhooks.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Delete a webhook and its delivery log; deliveries under way stop' })
  @ApiNoContentResponse()
  @ApiErrors(400, 403, 404)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', webhookUuid) id: string): Promise<void> {
    await this.webhooks.remove(principal, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ operationId: 'rotateWebhookSecret', summary: 'Replace the signing secret; the answer shows the new one, once, and deliveries from now on are signed with it' })
  @ApiOkResponse({ type: WebhookWithSecretView })
  @ApiErrors(400, 403, 404)
  rotateSecret(@CurrentPrincipal() principal: Principal, @Param('id', webhookUuid) id: string): Promise<WebhookWithSecretView> {
    return this.webhooks.rotateSecret(principal, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: 'The delivery log, one entry per attempt, newest first, a page at a time' })
  @ApiOkResponse({ type: PageResponse(WebhookDeliveryView) })
  @ApiErrors(400, 404)
  deliveries(@CurrentPrincipal() principal: Principal, @Param('id', webhookUuid) id: string, @Query() query: PageQuery): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.deliveries(principal, id, query);
  }
}
