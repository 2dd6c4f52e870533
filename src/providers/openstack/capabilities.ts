import type { InstanceType } from '../spi';

/** Flavors belong to the target cloud: `instanceType` is a flavor name or id there, checked by `prerequisites`. */
export const OPENSTACK_INSTANCE_TYPES: InstanceType[] = [];
