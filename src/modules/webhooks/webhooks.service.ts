import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EgressPolicyService } from '../../common/egress';
import { NotFound } from '../../common/errors';
import { Page, pageOf, PageQuery } from '../../common/http';
import type { TenantScope } from '../tenancy';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook-input.dto';
import { WebhookDeliveryView, webhookDeliveryView, WebhookView, webhookView, WebhookWithSecretView } from './dto/webhook-view';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookSecrets } from './webhook-secrets';
import { WEBHOOK_URL_CHECK } from './webhook-url';
import { Webhook } from './webhook.entity';

/** A tenant's webhooks: another tenant's webhook does not exist for it. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly egress: EgressPolicyService,
    private readonly secrets: WebhookSecrets,
  ) {}

  async create(scope: TenantScope, input: CreateWebhookDto): Promise<WebhookWithSecretView> {
    await this.checkUrl(input.url);
    const id = randomUUID();
    const secret = this.secrets.generate();
    const row = this.db.getRepository(Webhook).create({
      id,
      tenantId: scope.tenantId,
      url: input.url,
      kinds: input.kinds,
      description: input.description ?? null,
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
      ...this.secrets.seal(secret, { id, tenantId: scope.tenantId }),
    });
    const saved = await this.db.getRepository(Webhook).save(row);
    return { ...webhookView(saved), secret };
  }

  async list(scope: TenantScope, query: PageQuery): Promise<Page<WebhookView>> {
    const [items, total] = await this.db.getRepository(Webhook).findAndCount({ where: { tenantId: scope.tenantId }, order: { createdAt: 'ASC', id: 'ASC' }, take: query.limit, skip: query.offset });
    return pageOf(items.map(webhookView), total, query);
  }

  async get(scope: TenantScope, id: string): Promise<WebhookView> {
    return webhookView(await this.find(scope, id));
  }

  async update(scope: TenantScope, id: string, input: UpdateWebhookDto): Promise<WebhookView> {
    const webhook = await this.find(scope, id);
    if (input.url !== undefined) {
      await this.checkUrl(input.url);
      webhook.url = input.url;
    }
    if (input.kinds !== undefined) webhook.kinds = input.kinds;
    if (input.description !== undefined) webhook.description = input.description;
    if (input.enabled !== undefined) {
      webhook.enabled = input.enabled;
      webhook.disabledReason = null;
      if (input.enabled) webhook.consecutiveFailures = 0;
    }
    return webhookView(await this.db.getRepository(Webhook).save(webhook));
  }

  async remove(scope: TenantScope, id: string): Promise<void> {
    const deleted = await this.db.getRepository(Webhook).delete({ id, tenantId: scope.tenantId });
    if (deleted.affected !== 1) throw new NotFound('webhook', id);
  }

  async rotateSecret(scope: TenantScope, id: string): Promise<WebhookWithSecretView> {
    const webhook = await this.find(scope, id);
    const secret = this.secrets.generate();
    Object.assign(webhook, this.secrets.seal(secret, webhook));
    return { ...webhookView(await this.db.getRepository(Webhook).save(webhook)), secret };
  }

  async deliveries(scope: TenantScope, id: string, query: PageQuery): Promise<Page<WebhookDeliveryView>> {
    await this.find(scope, id);
    const [items, total] = await this.db.getRepository(WebhookDelivery).findAndCount({ where: { webhookId: id }, order: { createdAt: 'DESC', attempt: 'DESC' }, take: query.limit, skip: query.offset });
    return pageOf(items.map(webhookDeliveryView), total, query);
  }

  private async find(scope: TenantScope, id: string): Promise<Webhook> {
    const webhook = await this.db.getRepository(Webhook).findOneBy({ id, tenantId: scope.tenantId });
    if (!webhook) throw new NotFound('webhook', id);
    return webhook;
  }

  private async checkUrl(url: string): Promise<void> {
    await this.egress.assertAllowed(url, WEBHOOK_URL_CHECK);
  }
}
