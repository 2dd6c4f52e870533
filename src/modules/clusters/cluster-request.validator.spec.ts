import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/errors';
import { DOCKER_DESCRIPTOR } from '../../providers/docker';
import { NOVA_DESCRIPTOR } from '../../providers/openstack';
import { SIM_DESCRIPTOR } from '../../providers/sim';
import type { ProviderDescriptor } from '../../providers/spi';
import type { ClusterBlueprint, ClusterInputs } from './cluster-inputs';
import { ClusterRequestValidator } from './cluster-request.validator';
import type { CreateClusterDto } from './cluster.dto';

const BLUEPRINT = { id: 'b', name: 'two-groups', hostGroups: [{ name: 'master' }, { name: 'worker' }] } as unknown as ClusterBlueprint;

function validator(provider: ProviderDescriptor): ClusterRequestValidator {
  const inputs: Partial<ClusterInputs> = {
    blueprint: async () => BLUEPRINT,
    credential: async () => ({ id: 'c', name: 'c', kind: provider.kind, variant: provider.variant, parameters: {} }),
    provider: () => provider,
    sizeProblems: async () => [],
  };
  return new ClusterRequestValidator(inputs as ClusterInputs);
}

function body(master: Record<string, unknown>, worker: Record<string, unknown> = { instanceType: 'small' }): CreateClusterDto {
  return { name: 'c', blueprint: 'two-groups', credential: 'c', hostGroups: [{ name: 'master', nodeCount: 1, ...master }, { name: 'worker', nodeCount: 2, ...worker }] } as CreateClusterDto;
}

async function refusal(check: Promise<unknown>): Promise<unknown[]> {
  const error = await check.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe('VALIDATION_FAILED');
  return (error as DomainError).details;
}

describe('ClusterRequestValidator: host group options and instance types', () => {
  const scope = { tenantId: 't' };

  it("refuses options the provider's schema refuses, naming each field", async () => {
    const details = await refusal(validator(DOCKER_DESCRIPTOR).check(scope, body({ instanceType: 'small', options: { restartRetries: -1 } }, { instanceType: 'small', options: { publishPort: true } })));
    expect(details).toEqual([
      { field: 'hostGroups[0].options.restartRetries', reason: 'must be an integer from 0 to 100' },
      { field: 'hostGroups[1].options.publishPort', reason: expect.stringMatching(/^is not a known option/) },
    ]);
  });

  it('checks a host group without options as empty options', async () => {
    const details = await refusal(validator(NOVA_DESCRIPTOR).check(scope, body({ instanceType: 'm1.small', options: { image: 'debian-12' } }, { instanceType: 'm1.small' })));
    expect(details).toEqual([{ field: 'hostGroups[1].options.image', reason: 'is required' }]);
  });

  it('accepts good options and keeps them as given', async () => {
    const checked = await validator(DOCKER_DESCRIPTOR).check(scope, body({ instanceType: 'large', options: { image: 'herd/hadoop-sim:1', publishPorts: true } }));
    expect(checked.hostGroups[0]).toMatchObject({ instanceType: 'large', options: { image: 'herd/hadoop-sim:1', publishPorts: true } });
  });

  it("takes the provider's default instance type when a host group names none", async () => {
    const checked = await validator(SIM_DESCRIPTOR).check(scope, body({}, {}));
    expect(checked.hostGroups.map((group) => group.instanceType)).toEqual([SIM_DESCRIPTOR.defaultInstanceType, SIM_DESCRIPTOR.defaultInstanceType]);
  });

  it('requires an instance type where the provider has no default', async () => {
    const details = await refusal(validator(NOVA_DESCRIPTOR).check(scope, body({ options: { image: 'i' } }, { instanceType: 'm1.small', options: { image: 'i' } })));
    expect(details).toEqual([{ field: 'hostGroups[0].instanceType', reason: expect.stringMatching(/^is required: openstack\/nova has no default instance type/) }]);
  });

  it('leaves the options of a provider without a schema to its pre-flight', async () => {
    const { hostGroupOptionsSchema: _schema, ...plugin } = SIM_DESCRIPTOR;
    const checked = await validator(plugin).check(scope, body({ options: { anything: 1 } }));
    expect(checked.hostGroups[0].options).toEqual({ anything: 1 });
  });
});
