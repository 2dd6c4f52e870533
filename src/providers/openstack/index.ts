export { NovaAdapter } from './nova/nova.provider';
export { NOVA_DESCRIPTOR } from './nova/nova.descriptor';
export { NOVA_HOST_GROUP_OPTIONS_SCHEMA } from './nova/nova.options';
export { OPENSTACK_CREDENTIAL_SCHEMA, importOpenStackCredentials } from './keystone';
export type { OpenStackCredentials } from './keystone';
export { HeatAdapter } from './heat/heat.provider';
export { HEAT_DESCRIPTOR } from './heat/heat.descriptor';
export { MagnumAdapter } from './magnum/magnum.provider';
export { MAGNUM_DESCRIPTOR } from './magnum/magnum.descriptor';
