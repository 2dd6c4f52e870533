import type { ProviderDescriptor } from '../../spi';
import { OPENSTACK_INSTANCE_TYPES } from '../capabilities';
import { OPENSTACK_CREDENTIAL_SCHEMA } from '../keystone/credentials';

export const MAGNUM_DESCRIPTOR: ProviderDescriptor = {
  kind: 'openstack',
  variant: 'magnum',
  displayName: 'OpenStack Magnum',
  description:
    'A Magnum cluster (COE: kubernetes, swarm, swarm-mode) per herd cluster, from a cluster template created or reused by name; node_count follows the host groups. Options on the first host group: coe, image, externalNetwork, masterFlavor, masterCount, keyName, networkDriver, labels, discoveryUrl, clusterTemplate. Running the Hadoop components on the COE is not built yet.',
  capabilities: {
    stopStart: false,
    scale: true,
    containerOptions: false,
    antiAffinity: false,
    multiTenancy: 'keystone-projects',
    bareMetal: false,
    healthReporting: 'pull',
    declarative: true,
  },
  credentialSchema: OPENSTACK_CREDENTIAL_SCHEMA,
  instanceTypes: OPENSTACK_INSTANCE_TYPES,
};
