import { HeatAdapter } from '../../src/providers/openstack/heat/heat.provider';
import { openstackConformance } from './openstack-conformance';

openstackConformance('openstack/heat', () => new HeatAdapter({ pollIntervalMs: 500 }));
