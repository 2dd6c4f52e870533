import { ApiProperty } from '@nestjs/swagger';
import { documentedEnum } from '../../common/http';
import type { ClusterEventType } from '../events';

const EVENT_TYPE_MEANINGS: Record<ClusterEventType, string> = {
  status: 'the cluster changed status',
  step: 'an operation began a step',
  progress: "an operation's percent done moved",
  error: 'something failed',
  warning: 'something went wrong that herd worked around or the user should know',
  health: "the cluster's health changed",
  operation: 'an operation was requested or ended',
};

/** One entry of a cluster's event log, in the list and in the SSE stream alike. */
export class ClusterEventView {
  @ApiProperty({ example: '1042', description: 'Increasing; resume the stream after it with Last-Event-ID, or list after it with ?after=' }) id: string;
  @ApiProperty(documentedEnum(EVENT_TYPE_MEANINGS)) type: ClusterEventType;
  @ApiProperty({ example: 'Status PROVISIONING -> AVAILABLE' }) message: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) operationId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { from: 'PROVISIONING', to: 'AVAILABLE' }, description: 'Facts of the event; their keys depend on its type' })
  data: Record<string, unknown>;
  @ApiProperty() createdAt: Date;
}

/** A token that opens one cluster's event stream without an Authorization header, for a browser's EventSource. */
export class StreamTokenView {
  @ApiProperty({ example: 'hst_eyJrIjoi….Q2hhbmdl', description: 'Valid for streamUrl only, until expiresAt; checked when the stream opens' }) token: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
  @ApiProperty({ example: '/v1/clusters/4f0c…/events/stream?access_token=hst_…', description: 'The stream to open with the token, relative to herd' }) streamUrl: string;
}
