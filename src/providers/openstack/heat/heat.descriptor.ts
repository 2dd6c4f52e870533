import type { ProviderDescriptor } from '../../spi';
import { OPENSTACK_INSTANCE_TYPES, OPENSTACK_VM_CAPABILITIES } from '../capabilities';
import { OPENSTACK_CREDENTIAL_SCHEMA } from '../keystone/credentials';
import { HEAT_HOST_GROUP_OPTIONS_SCHEMA } from './heat.options';

export const HEAT_DESCRIPTOR: ProviderDescriptor = {
  kind: 'openstack',
  variant: 'heat',
  displayName: 'OpenStack Heat',
  description:
    'One Heat stack per cluster, an OS::Nova::Server per node; scaling is a stack update of the changed host group only; a whole-cluster stop suspends the stack (or stops each server when Heat cannot resume it). Nova\'s host group options plus `components`: user-data (default) starts components from user_data; auto or containers has Heat create a DockerInc::Docker::Container per component where Heat offers it (auto falls back to user_data, containers is refused at pre-flight).',
  capabilities: { ...OPENSTACK_VM_CAPABILITIES, declarative: true },
  credentialSchema: OPENSTACK_CREDENTIAL_SCHEMA,
  instanceTypes: OPENSTACK_INSTANCE_TYPES,
  hostGroupOptionsSchema: HEAT_HOST_GROUP_OPTIONS_SCHEMA,
};
