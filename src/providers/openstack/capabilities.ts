import type { InstanceType, ProviderCapabilities } from '../spi';

/**
 * The classic OpenStack flavor names, as a guide. `instanceType` is a flavor name or id of the
 * target cloud; `prerequisites` checks that it exists there, so other flavors work as well.
 */
export const OPENSTACK_INSTANCE_TYPES: InstanceType[] = [
  { name: 'm1.tiny', cpus: 1, memoryMb: 512 },
  { name: 'm1.small', cpus: 1, memoryMb: 2048 },
  { name: 'm1.medium', cpus: 2, memoryMb: 4096 },
  { name: 'm1.large', cpus: 4, memoryMb: 8192 },
  { name: 'm1.xlarge', cpus: 8, memoryMb: 16384 },
];

/** What Nova servers booted from herd's user_data can do (the Nova and Heat adapters). */
export const OPENSTACK_VM_CAPABILITIES: ProviderCapabilities = {
  stopStart: true,
  scale: true,
  containerOptions: false,
  antiAffinity: true,
  multiTenancy: 'keystone-projects',
  bareMetal: false,
  healthReporting: 'push',
  declarative: false,
};
