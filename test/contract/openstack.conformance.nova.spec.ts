import { NovaAdapter } from '../../src/providers/openstack/nova/nova.adapter';
import { openstackConformance } from './openstack-conformance';

openstackConformance('openstack/nova', () => new NovaAdapter());
