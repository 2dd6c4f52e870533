import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { AutoscalingPolicy } from '../modules/autoscaling/autoscaling-policy.entity';
import { Blueprint } from '../modules/blueprints/blueprint.entity';
import { Cluster } from '../modules/lifecycle/cluster.entity';
import { IdempotencyKey } from '../modules/clusters/idempotency-key.entity';
import { ClusterNode } from '../modules/lifecycle/node.entity';
import { Credential } from '../modules/credentials/credential.entity';
import { NodeCallback } from '../modules/node-callbacks/node-callback.entity';
import { ClusterEvent } from '../modules/events/cluster-event.entity';
import { Operation } from '../modules/lifecycle/operation.entity';
import { TenantQuota } from '../modules/quotas/tenant-quota.entity';
import { ApiKey } from '../modules/tenancy/api-key.entity';
import { Tenant } from '../modules/tenancy/tenant.entity';

/** Every TypeORM entity, listed explicitly. */
export const ENTITIES = [Tenant, ApiKey, TenantQuota, AuditEntry, Blueprint, Credential, Cluster, ClusterNode, Operation, ClusterEvent, IdempotencyKey, NodeCallback, AutoscalingPolicy];
