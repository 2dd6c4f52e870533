import type { ProviderDescriptor } from '../../spi';
import { OPENSTACK_INSTANCE_TYPES, OPENSTACK_VM_CAPABILITIES } from '../capabilities';
import { OPENSTACK_CREDENTIAL_SCHEMA } from '../keystone/credentials';

export const HEAT_DESCRIPTOR: ProviderDescriptor = {
  kind: 'openstack',
  variant: 'heat',
  displayName: 'OpenStack Heat',
  description:
    'One Heat stack per cluster with an OS::Nova::Server per node; scaling is a stack update that only touches the changed host group, stopping the whole cluster suspends the stack (some nodes: Nova stop/start). Same host group options as openstack/nova. Components start from user_data and report to herd.',
  capabilities: { ...OPENSTACK_VM_CAPABILITIES, declarative: true },
  credentialSchema: OPENSTACK_CREDENTIAL_SCHEMA,
  instanceTypes: OPENSTACK_INSTANCE_TYPES,
};
