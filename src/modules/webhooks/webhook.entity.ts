import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { WebhookKind } from './webhook-kinds';

/** A tenant's subscription: where herd posts which kinds of event, signed with the sealed secret. */
@Entity('webhooks')
export class Webhook {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'text' }) url: string;
  @Column({ type: 'text', array: true }) kinds: WebhookKind[];
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'boolean' }) enabled: boolean;
  /** Why herd disabled it; null while enabled or when the user disabled it. */
  @Column({ name: 'disabled_reason', type: 'text', nullable: true }) disabledReason: string | null;
  @Column({ name: 'consecutive_failures', type: 'integer' }) consecutiveFailures: number;
  @Column({ name: 'secret_key_id', type: 'text' }) secretKeyId: string;
  @Column({ name: 'secret_envelope', type: 'bytea' }) secretEnvelope: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
