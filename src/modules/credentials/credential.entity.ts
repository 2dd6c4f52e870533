import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ParameterPath } from '../../providers/registry';

@Entity('credentials')
export class Credential {
  /** Chosen by herd before the insert, because the ciphertext is bound to it. */
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'provider_kind', type: 'text' }) providerKind: string;
  @Column({ name: 'provider_variant', type: 'text' }) providerVariant: string;
  /** The parameters without their secret fields. */
  @Column({ type: 'jsonb' }) parameters: Record<string, unknown>;
  /** Where the secret values sit in the parameters (field names are not secret). */
  @Column({ name: 'secret_paths', type: 'jsonb' }) secretPaths: ParameterPath[];
  /** Id of the master key that sealed `secretEnvelope`; null when there is no secret. */
  @Column({ name: 'secret_key_id', type: 'text', nullable: true }) secretKeyId: string | null;
  @Column({ name: 'secret_envelope', type: 'bytea', nullable: true }) secretEnvelope: Buffer | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
