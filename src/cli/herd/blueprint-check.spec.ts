import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../../clients/typescript/src';
import { checkBlueprint } from './blueprint-check';

const component = (name: string) => ({ name, service: 'HDFS', category: 'master' as const, cardinality: '1', runs: true, dependsOn: [] });
const stacks: Schemas['StackDto'][] = [
  { name: 'HADOOP', version: '2.7', description: '', aliases: [{ name: 'HDP', version: '2.6' }], components: [component('NAMENODE'), component('DATANODE')] },
];
const ambari = (components: string[]) => ({ Blueprints: { stack_name: 'HDP', stack_version: '2.6' }, host_groups: [{ name: 'master', components: components.map((name) => ({ name })) }] });

describe('checkBlueprint', () => {
  it('accepts a blueprint whose stack is an alias and whose components all belong to it', () => {
    const check = checkBlueprint(ambari(['NAMENODE', 'DATANODE']), stacks);
    expect(check.problems).toEqual([]);
    expect(check.stack?.name).toBe('HADOOP');
  });

  it('names each unknown component and an unknown stack by their paths', () => {
    expect(checkBlueprint(ambari(['NAMENODE', 'NOPE']), stacks).problems).toEqual([{ field: 'host_groups[0].components[1].name', reason: 'is not a component of stack HDP 2.6' }]);
    const unknownStack = checkBlueprint({ ...ambari(['NAMENODE']), Blueprints: { stack_name: 'CDH', stack_version: '5' } }, stacks);
    expect(unknownStack.problems.map((problem) => problem.field)).toEqual(['Blueprints.stack_name']);
  });

  it('reads the Cloudbreak form, its blueprint as an object, JSON text or base64', () => {
    const text = JSON.stringify(ambari(['NOPE']));
    for (const ambariBlueprint of [ambari(['NOPE']), text, Buffer.from(text).toString('base64')]) {
      expect(checkBlueprint({ name: 'x', ambariBlueprint }, stacks).problems).toHaveLength(1);
    }
    expect(checkBlueprint({ something: 'else' }, stacks).problems[0].field).toBe('ambariBlueprint');
  });
});
