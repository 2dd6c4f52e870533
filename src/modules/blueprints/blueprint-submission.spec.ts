import { describe, expect, it } from 'vitest';
import { fixture, fixtureText, smallBlueprint } from '../../../test/support/blueprint-fixtures';
import { ValidationFailed } from '../../common/errors';
import { parseBlueprintSubmission } from './blueprint-submission';

function problemsOf(body: unknown, queryName?: string) {
  try {
    parseBlueprintSubmission(body, queryName);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailed);
    return (error as ValidationFailed).details;
  }
  throw new Error('accepted');
}

describe('parseBlueprintSubmission', () => {
  const cloudbreakText = fixtureText('cloudbreak-hdp-small-default.bp');

  it.each([
    ['a JSON object', JSON.parse(cloudbreakText)],
    ['JSON text', cloudbreakText],
    ['base64 of the JSON text', Buffer.from(cloudbreakText).toString('base64')],
    ['base64 wrapped at 76 columns', Buffer.from(cloudbreakText).toString('base64').replace(/(.{76})/g, '$1\n')],
  ])('reads a Cloudbreak request whose ambariBlueprint is %s', (_, ambariBlueprint) => {
    const submission = parseBlueprintSubmission({ name: 'small-default', description: 'from Cloudbreak', ambariBlueprint });
    expect(submission).toMatchObject({ name: 'small-default', description: 'from Cloudbreak', form: 'cloudbreak', documentPath: 'ambariBlueprint' });
    expect(submission.document).toEqual(JSON.parse(cloudbreakText));
    expect(submission.layout.stack).toEqual({ name: 'HDP', version: '2.4' });
    expect(submission.layout.hostGroups.map((g) => [g.name, g.cardinality, g.components.length])).toEqual([
      ['host_group_client_1', '1', 16],
      ['host_group_master_3', '1', 8],
      ['host_group_slave_1', '6', 4],
      ['host_group_master_2', '1', 13],
      ['host_group_master_1', '1', 10],
    ]);
  });

  it('keeps an Ambari export unchanged and reads both configuration forms', () => {
    const exported = fixture('ambari-export-hdp26.json');
    const submission = parseBlueprintSubmission(structuredClone(exported), 'from-ambari');
    expect(submission.document).toEqual(exported);
    expect(submission.name).toBe('from-ambari');
    expect(submission.layout.configurations['hdfs-site']!['dfs.namenode.http-address']).toBe('%HOSTGROUP::host_group_1%:50070');
    expect(submission.layout.configurations['hadoop-env']!.content).toContain('export JAVA_HOME');
    expect(submission.layout.hostGroups[2]!.configurations).toEqual({ 'yarn-site': { 'yarn.nodemanager.resource.memory-mb': '6144' } });
    const flat = parseBlueprintSubmission({ ...smallBlueprint(), configurations: [{ 'core-site': { 'fs.trash.interval': 360 } }] });
    expect(flat.layout.configurations).toEqual({ 'core-site': { 'fs.trash.interval': '360' } });
  });

  it('asks for a name when an exported blueprint carries none', () => {
    expect(problemsOf(fixture('ambari-export-hdp26.json'))).toEqual([{ field: 'Blueprints.blueprint_name', reason: expect.stringContaining('?name=') }]);
  });

  it('reports each structural problem with its path', () => {
    const body = smallBlueprint();
    body.Blueprints.stack_version = 2.6;
    body.host_groups[0].components[1] = { name: '' };
    body.host_groups[1].name = 'MASTER';
    body.host_groups[1].cardinality = 'many';
    body.host_groups.push({ name: 'empty', components: [] }, { components: [{ nom: 'DATANODE' }] }, 'worker');
    body.configurations.push({ 'core-site': { properties: { 'fs.x': { nested: true } } } });
    expect(problemsOf(body)).toEqual([
      { field: 'Blueprints.stack_version', reason: 'must be a string, such as "2.6"' },
      { field: 'configurations[1].core-site.properties["fs.x"]', reason: 'must be a string, number or boolean' },
      { field: 'host_groups[0].components[1].name', reason: 'is required' },
      { field: 'host_groups[1].name', reason: expect.stringContaining('duplicates host_groups[0].name') },
      { field: 'host_groups[1].cardinality', reason: expect.stringContaining('Ambari cardinality') },
      { field: 'host_groups[2].components', reason: 'must contain at least one component' },
      { field: 'host_groups[3].name', reason: 'is required' },
      { field: 'host_groups[3].components[0].name', reason: 'is required' },
      { field: 'host_groups[4]', reason: expect.stringContaining('must be an object') },
    ]);
  });

  it('prefixes paths inside a Cloudbreak request and refuses unknown envelope fields', () => {
    const blueprint = smallBlueprint();
    blueprint.host_groups[1].components.push({ name: 'DATANODE' });
    expect(problemsOf({ name: 'x', ambariBlueprint: blueprint, inputs: [] })).toEqual([
      { field: 'inputs', reason: expect.stringContaining('is not a known field') },
      { field: 'ambariBlueprint.host_groups[1].components[2].name', reason: 'DATANODE appears twice in this host group' },
    ]);
  });

  it.each([
    [{ name: 'x', ambariBlueprint: '{"Blueprints": ' }, 'ambariBlueprint', /not valid JSON/],
    [{ name: 'x', ambariBlueprint: 'not base64 at all!' }, 'ambariBlueprint', /neither JSON text nor base64/],
    [{ name: 'x', ambariBlueprint: Buffer.from('hello').toString('base64') }, 'ambariBlueprint', /does not decode to a JSON object/],
    [{ name: 'x', ambariBlueprint: 42 }, 'ambariBlueprint', /JSON object, JSON text or base64/],
    [{ name: 'x', ambariBlueprint: [] }, 'ambariBlueprint', /must be a JSON object/],
    [{ ambariBlueprint: smallBlueprint() }, 'name', /is required/],
    [{ name: 7, ambariBlueprint: smallBlueprint() }, 'name', /must be a string/],
    [{ name: '3f1c9f3e-6d0b-4f57-9b9b-1d1b3f0c2a7e', ambariBlueprint: smallBlueprint() }, 'name', /not shaped like an id/],
    [{ name: 'x', description: 5, ambariBlueprint: smallBlueprint() }, 'description', /must be a string/],
    [{ hello: 'world' }, 'body', /neither an Ambari blueprint/],
    [[smallBlueprint()], 'body', /must be a JSON object/],
    [{ ...smallBlueprint(), Blueprints: 'HDP' }, 'Blueprints', /must be an object/],
    [{ ...smallBlueprint(), host_groups: {} }, 'host_groups', /must be a list/],
    [{ ...smallBlueprint(), host_groups: [] }, 'host_groups', /at least one host group/],
    [{ Blueprints: { blueprint_name: 'x', stack_name: 'HDP', stack_version: '2.6' } }, 'host_groups', /is required/],
    [{ ...smallBlueprint(), configurations: 'core-site' }, 'configurations', /keyed by configuration type/],
    [{ ...smallBlueprint(), configurations: JSON.parse('[{"__proto__": {"polluted": "yes"}}]') }, 'configurations[0].__proto__', /is not a configuration type/],
    [{ ...smallBlueprint(), configurations: JSON.parse('[{"core-site": {"__proto__": "x"}}]') }, 'configurations[0].core-site.__proto__', /is not a property name/],
  ])('rejects %j at %s', (body, field, reason) => {
    expect(problemsOf(body)).toContainEqual({ field, reason: expect.stringMatching(reason) });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
