import type { ProviderDescriptor } from '../../spi';
import { OPENSTACK_INSTANCE_TYPES, OPENSTACK_VM_CAPABILITIES } from '../capabilities';
import { OPENSTACK_CREDENTIAL_SCHEMA } from '../keystone/credentials';

export const HEAT_DESCRIPTOR: ProviderDescriptor = {
  kind: 'openstack',
  variant: 'heat',
  displayName: 'OpenStack Heat',
  description:
    'One Heat stack per cluster, an OS::Nova::Server per node; scaling is a stack update touching only the changed host group; a whole-cluster stop suspends the stack (or stops each server where Heat could not resume it). Nova\'s host group options plus `components`: user-data (default) starts components from user_data; auto or containers has Heat create one DockerInc::Docker::Container per component where Heat offers the type (auto falls back to user_data, containers is refused at pre-flight). Nodes report health to herd.',
  capabilities: { ...OPENSTACK_VM_CAPABILITIES, declarative: true },
  credentialSchema: OPENSTACK_CREDENTIAL_SCHEMA,
  instanceTypes: OPENSTACK_INSTANCE_TYPES,
};
