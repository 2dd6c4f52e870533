import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The normalized layout kept beside the document, for listing and for clusters. */
export interface StoredHostGroup {
  name: string;
  cardinality: string | null;
  components: string[];
}

@Entity('blueprints')
export class Blueprint {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'stack_name', type: 'text' }) stackName: string;
  @Column({ name: 'stack_version', type: 'text' }) stackVersion: string;
  /** The Ambari document as submitted. */
  @Column({ type: 'jsonb' }) document: Record<string, unknown>;
  @Column({ name: 'host_groups', type: 'jsonb' }) hostGroups: StoredHostGroup[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
