import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { documentedEnum } from '../../common/http';
import { COMPONENT_STATUSES, type ComponentStatus, NODE_STATUSES, type NodeStatus } from '../../providers/spi';
import { CLUSTER_HEALTHS, type Cluster, type ClusterHealth, type ClusterStatus, type DesiredHostGroup, type PartialFailurePolicy } from '../lifecycle';
import { OperationView } from './operation.response';

/** What each status means; also the cluster's statusReason when no operation recorded one. */
export const CLUSTER_STATUS_MEANINGS: Record<ClusterStatus, string> = {
  REQUESTED: 'Requested; waiting for a worker to start provisioning',
  PROVISIONING: 'Being provisioned',
  AVAILABLE: 'Running as requested',
  UPDATING: 'Being resized',
  STOPPING: 'Being stopped',
  STOPPED: 'Stopped; start it to use it again',
  STARTING: 'Being started',
  DELETING: 'Being deleted',
  DELETED: 'Deleted; nothing of it is left on the provider',
  FAILED: 'Failed',
};

type RecoveryMode = NonNullable<DesiredHostGroup['recoveryMode']>;

const RECOVERY_MODE_MEANINGS: Record<RecoveryMode, string> = {
  manual: 'only a user requests a repair',
  auto: 'when a node of the host group stays lost (ERROR or missing), the monitor requests a repair',
};

const ON_FAILURE_MEANINGS: Record<Cluster['onFailure'], string> = {
  rollback: 'a create that fails removes everything it made',
  keep: 'a create that fails leaves what it made, to look at',
};

const PARTIAL_FAILURE_MEANINGS: Record<PartialFailurePolicy['policy'], string> = {
  exact: 'every node of every host group must run',
  percentage: 'threshold percent of each host group must run',
  bestEffort: 'one node of each non-empty host group must run',
};

class ProviderRefView {
  @ApiProperty({ example: 'sim' }) kind: string;
  @ApiProperty({ example: 'default' }) variant: string;
}

class PartialFailureView implements PartialFailurePolicy {
  @ApiProperty(documentedEnum(PARTIAL_FAILURE_MEANINGS, 'How much of a create must succeed for the cluster to be AVAILABLE')) policy: PartialFailurePolicy['policy'];
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, description: 'For percentage' }) threshold?: number;
}

abstract class HostGroupSizeView {
  @ApiProperty({ example: 'worker' }) name: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'Nodes asked for' }) nodeCount: number;
  @ApiProperty({ example: 'medium' }) instanceType: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { image: 'herd/hadoop-sim:1' }, description: "The provider's host group options, as requested" })
  options?: DesiredHostGroup['options'];
}

/** A host group as the cluster list shows it: the size asked for. */
class DesiredHostGroupView extends HostGroupSizeView implements DesiredHostGroup {
  @ApiPropertyOptional(documentedEnum(RECOVERY_MODE_MEANINGS, 'Absent: manual')) recoveryMode?: RecoveryMode;
}

class NodeAddressesView {
  @ApiPropertyOptional({ example: '10.0.0.12' }) private?: string;
  @ApiPropertyOptional({ example: '203.0.113.7' }) public?: string;
}

class NodeComponentView {
  @ApiProperty({ example: 'DATANODE' }) name: string;
  @ApiProperty({ enum: COMPONENT_STATUSES }) status: ComponentStatus;
  @ApiPropertyOptional({ example: 'http://10.0.0.12:9864', description: 'Where herd probes it; absent when the node pushes its health' }) endpoint?: string;
  @ApiPropertyOptional({ description: 'Why the component is not running' }) reason?: string;
}

export class ClusterNodeView {
  @ApiProperty({ example: 'analytics-worker-0' }) name: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) index: number;
  @ApiProperty({ enum: NODE_STATUSES }) status: NodeStatus;
  @ApiPropertyOptional({ description: "The backend's own words when the node is unwell; absent otherwise" }) statusReason?: string;
  @ApiProperty({ type: String, nullable: true, description: "The backend's id of the node; null until it was launched" }) providerId: string | null;
  @ApiProperty({ type: NodeAddressesView }) addresses: NodeAddressesView;
  @ApiProperty({ type: [NodeComponentView] }) components: NodeComponentView[];
}

/** A host group as one cluster shows it: the size asked for and the nodes it has. */
class ClusterHostGroupView extends HostGroupSizeView {
  @ApiProperty(documentedEnum(RECOVERY_MODE_MEANINGS)) recoveryMode: RecoveryMode;
  @ApiProperty({ type: [ClusterNodeView], description: 'By index' }) nodes: ClusterNodeView[];
}

/** What the list and the detail of a cluster have alike. */
abstract class ClusterFieldsView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'analytics' }) name: string;
  @ApiProperty(documentedEnum(CLUSTER_STATUS_MEANINGS)) status: ClusterStatus;
  @ApiProperty({ enum: CLUSTER_HEALTHS, description: 'The last health probe, rolled up; UNKNOWN when it is stale or there is none' }) health: ClusterHealth;
  @ApiProperty({ type: ProviderRefView }) provider: ProviderRefView;
  @ApiProperty({ format: 'uuid' }) blueprintId: string;
  @ApiProperty({ format: 'uuid' }) credentialId: string;
  @ApiProperty(documentedEnum(ON_FAILURE_MEANINGS)) onFailure: Cluster['onFailure'];
  @ApiProperty({ type: PartialFailureView }) partialFailure: PartialFailureView;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The operation the cluster is in, or last was' }) currentOperationId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** A cluster as the list shows it. */
export class ClusterSummaryView extends ClusterFieldsView {
  @ApiProperty({ type: String, nullable: true, description: 'Why the cluster is in its status, when an operation said so' }) statusReason: string | null;
  @ApiProperty({ type: [DesiredHostGroupView] }) hostGroups: DesiredHostGroupView[];
}

/** One cluster, with its nodes and the operation it is in. */
export class ClusterView extends ClusterFieldsView {
  @ApiProperty({ example: 'Being provisioned: Waiting for nodes (40%)', description: 'Why the cluster is in its status, or what the status and the current step mean' }) statusReason: string;
  @ApiProperty({ type: String, nullable: true, description: 'The step of the running operation; null when none runs' }) step: string | null;
  @ApiProperty({ type: OperationView, nullable: true, description: 'The current or last operation' }) operation: OperationView | null;
  @ApiProperty({ type: [ClusterHostGroupView] }) hostGroups: ClusterHostGroupView[];
  @ApiProperty({ type: 'integer', example: 7, description: 'Grows with every change of the cluster; the ETag is this number in quotes' }) version: number;
  @ApiPropertyOptional({ type: [ClusterNodeView], description: 'Nodes of host groups the cluster no longer has (present only while there are some)' }) unassignedNodes?: ClusterNodeView[];
}

/** The answer to a request that starts an operation: the cluster to watch and the operation. */
export class AcceptedClusterView {
  @ApiProperty({ type: ClusterView }) cluster: ClusterView;
  @ApiProperty({ format: 'uuid', description: 'GET /v1/operations/{operationId} follows it' }) operationId: string;
}

/** The answer to a dry run that passed every check. */
export class ClusterValidationView {
  @ApiProperty({ description: 'Always true: a request that fails a check answers 400, 409, 422 or 503' }) valid: true;
  @ApiProperty({ example: 'sim/default' }) provider: string;
  @ApiProperty({ type: 'integer', example: 3, description: 'Nodes the cluster would have' }) nodes: number;
  @ApiProperty({ type: [String], example: ['blueprint', 'host groups and cardinality', 'credential', 'quota', 'provider pre-flight'] }) checks: string[];
}
