import type { ProviderDescriptor } from '../../spi';
import { OPENSTACK_INSTANCE_TYPES } from '../capabilities';
import { OPENSTACK_CREDENTIAL_SCHEMA } from '../keystone/credentials';
import { MAGNUM_HOST_GROUP_OPTIONS_SCHEMA } from './magnum.options';

export const MAGNUM_DESCRIPTOR: ProviderDescriptor = {
  kind: 'openstack',
  variant: 'magnum',
  displayName: 'OpenStack Magnum',
  description:
    'A Magnum cluster per herd cluster (template made or reused by name; node_count follows the host groups). COE swarm only: ' +
    'the Hadoop components run as on the docker provider, through the Swarm manager\'s Docker API with a client certificate Magnum signs for herd. ' +
    'swarm-mode, kubernetes and mesos are refused by the pre-flight. First host group options: coe, image, clusterTemplate, pullPolicy and the template\'s settings; ' +
    'per host group options.docker: Docker options.',
  capabilities: {
    stopStart: false,
    scale: true,
    containerOptions: true,
    antiAffinity: false,
    multiTenancy: 'keystone-projects',
    bareMetal: false,
    healthReporting: 'pull',
    declarative: true,
  },
  credentialSchema: OPENSTACK_CREDENTIAL_SCHEMA,
  instanceTypes: OPENSTACK_INSTANCE_TYPES,
  hostGroupOptionsSchema: MAGNUM_HOST_GROUP_OPTIONS_SCHEMA,
};
