import type { ProviderDescriptor } from '../../spi';
import { OPENSTACK_INSTANCE_TYPES, OPENSTACK_VM_CAPABILITIES } from '../capabilities';
import { OPENSTACK_CREDENTIAL_SCHEMA } from '../keystone/credentials';

export const HEAT_DESCRIPTOR: ProviderDescriptor = {
  kind: 'openstack',
  variant: 'heat',
  displayName: 'OpenStack Heat',
  description:
    'One Heat stack per cluster with an OS::Nova::Server per node; scaling is a stack update that only touches the changed host group, stopping the whole cluster suspends the stack (some nodes: Nova stop/start). Same host group options as openstack/nova, plus `components`: user-data (default) starts the components from user_data; auto or containers makes Heat create one DockerInc::Docker::Container per component where Heat offers that type (Debian\'s Heat does not: auto then falls back to user_data, containers is refused at pre-flight). Either way the node reports its readiness and health to herd.',
  capabilities: { ...OPENSTACK_VM_CAPABILITIES, declarative: true },
  credentialSchema: OPENSTACK_CREDENTIAL_SCHEMA,
  instanceTypes: OPENSTACK_INSTANCE_TYPES,
};
