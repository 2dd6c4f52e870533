import type { ProviderDescriptor } from '../../spi';
import { OPENSTACK_INSTANCE_TYPES } from '../capabilities';
import { OPENSTACK_CREDENTIAL_SCHEMA } from '../keystone/credentials';

export const MAGNUM_DESCRIPTOR: ProviderDescriptor = {
  kind: 'openstack',
  variant: 'magnum',
  displayName: 'OpenStack Magnum',
  description:
    'A Magnum cluster per herd cluster, from a cluster template created or reused by name; node_count follows the host groups. ' +
    'COE swarm (classic Swarm) only: the Hadoop components run as the Docker adapter runs them (a sandbox and one container per component per node, on an overlay network), ' +
    'through the Swarm manager\'s Docker API with a client certificate Magnum signs for herd. swarm-mode, kubernetes and mesos are refused by the pre-flight: herd cannot run the components there. ' +
    'Options on the first host group: coe, image, externalNetwork, masterFlavor, masterCount, keyName, networkDriver, labels, discoveryUrl, clusterTemplate, createTimeoutMins, pullPolicy; ' +
    'per host group, options.docker takes the Docker host group options and instanceType (a Docker size).',
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
};
