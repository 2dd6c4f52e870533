import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One state-changing request: who, what, when, and how it ended. Never the body. */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz' }) at: Date;
  /** The caller's tenant; null when the request carried no valid key. */
  @Column({ name: 'tenant_id', type: 'uuid', nullable: true }) tenantId: string | null;
  @Column({ name: 'api_key_id', type: 'uuid', nullable: true }) apiKeyId: string | null;
  @Column({ name: 'key_prefix', type: 'text', nullable: true }) keyPrefix: string | null;
  @Column({ type: 'text' }) method: string;
  /** The route pattern (`/v1/tenants/:id/api-keys`); null when no route matched. */
  @Column({ type: 'text', nullable: true }) route: string | null;
  /** The path as sent, without the query string, cut to 512 characters. */
  @Column({ type: 'text' }) path: string;
  /** The object acted on: the created object's id, or the route's last path parameter. */
  @Column({ name: 'target_id', type: 'text', nullable: true }) targetId: string | null;
  /** The HTTP status answered; 499 when the client went away first. */
  @Column({ type: 'integer' }) status: number;
  @Column({ name: 'correlation_id', type: 'text' }) correlationId: string;
  @Column({ name: 'client_ip', type: 'text', nullable: true }) clientIp: string | null;
  @Column({ name: 'duration_ms', type: 'integer' }) durationMs: number;
}
