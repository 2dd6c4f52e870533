import { NovaAdapter } from '../../src/providers/openstack/nova/nova.provider';
import { openstackConformance } from './openstack-conformance';

openstackConformance('openstack/nova', () => new NovaAdapter());
