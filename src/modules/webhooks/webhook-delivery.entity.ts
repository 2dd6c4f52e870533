import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One attempt to deliver one event to one webhook. */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'webhook_id', type: 'uuid' }) webhookId: string;
  /** The same for every attempt of one event to one webhook (the Herd-Delivery-Id header). */
  @Column({ name: 'delivery_id', type: 'uuid' }) deliveryId: string;
  @Column({ name: 'event_id', type: 'bigint' }) eventId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'integer' }) attempt: number;
  /** The receiver answered 2xx. */
  @Column({ type: 'boolean' }) delivered: boolean;
  @Column({ name: 'status_code', type: 'integer', nullable: true }) statusCode: number | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'duration_ms', type: 'integer' }) durationMs: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
