import type { ProviderDescriptor } from '../../spi';
import { OPENSTACK_INSTANCE_TYPES, OPENSTACK_VM_CAPABILITIES } from '../capabilities';
import { OPENSTACK_CREDENTIAL_SCHEMA } from '../keystone/credentials';
import { NOVA_HOST_GROUP_OPTIONS_SCHEMA } from './nova.options';

export const NOVA_DESCRIPTOR: ProviderDescriptor = {
  kind: 'openstack',
  variant: 'nova',
  displayName: 'OpenStack Nova',
  description:
    'One Nova server per node, found again by its metadata. Host group options: image, networks (ids, auto or none), keyName, securityGroups, availabilityZone, serverGroupPolicy. The components run as containers started by cloud-init user_data; nodes report readiness and health to herd.',
  capabilities: OPENSTACK_VM_CAPABILITIES,
  credentialSchema: OPENSTACK_CREDENTIAL_SCHEMA,
  instanceTypes: OPENSTACK_INSTANCE_TYPES,
  hostGroupOptionsSchema: NOVA_HOST_GROUP_OPTIONS_SCHEMA,
};
