import { AuditEntry } from './modules/audit';
import { AutoscalingPolicy } from './modules/autoscaling';
import { Blueprint } from './modules/blueprints';
import { Cluster, ClusterNode, Operation } from './modules/lifecycle';
import { IdempotencyKey } from './modules/clusters';
import { Credential } from './modules/credentials';
import { NodeCallback } from './modules/node-callbacks';
import { ClusterEvent } from './modules/events';
import { TenantQuota } from './modules/quotas';
import { ApiKey, Tenant } from './modules/tenancy';
import { Webhook, WebhookDelivery } from './modules/webhooks';

/** Every TypeORM entity of herd's modules, listed explicitly: the app gives them to the database module. */
export const ENTITIES = [Tenant, ApiKey, TenantQuota, AuditEntry, Blueprint, Credential, Cluster, ClusterNode, Operation, ClusterEvent, IdempotencyKey, NodeCallback, AutoscalingPolicy, Webhook, WebhookDelivery];
