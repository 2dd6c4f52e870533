import { ApiProperty } from '@nestjs/swagger';
import { documentedEnum } from '../../common/http';
import { OPERATION_KINDS, type Operation } from '../lifecycle';

const OPERATION_STATUS_MEANINGS: Record<Operation['status'], string> = {
  queued: 'waiting for a worker',
  running: 'a worker carries it out; percent and step say how far it is',
  succeeded: 'done',
  failed: 'ended without doing what was asked; error says why',
  cancelled: 'cancelled on request (POST /v1/operations/{id}/cancel), or replaced by a later request (a delete cancels a running create, scale or repair)',
};

/** One user intent on a cluster, as `GET /v1/operations/{id}` and a cluster's `operation` show it. */
export class OperationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty({ enum: Object.keys(OPERATION_KINDS), example: 'create' }) type: Operation['type'];
  @ApiProperty(documentedEnum(OPERATION_STATUS_MEANINGS)) status: Operation['status'];
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, example: 40 }) percent: number;
  @ApiProperty({ type: String, nullable: true, example: 'Waiting for nodes', description: 'What the operation does now, or did last' }) step: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the operation failed' }) error: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) finishedAt: Date | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 41250, description: 'From start to finish; null until both are known' }) durationMs: number | null;
}
