import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '..', 'fixtures', 'blueprints');

/** A fixture file's text, exactly as stored. */
export function fixtureText(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

/** A small valid Ambari blueprint, for tests that change one thing in it. */
export function smallBlueprint(name = 'small'): Record<string, any> {
  return {
    Blueprints: { blueprint_name: name, stack_name: 'HDP', stack_version: '2.6' },
    configurations: [{ 'hdfs-site': { properties: { 'dfs.replication': '2' } } }],
    host_groups: [
      { name: 'master', cardinality: '1', components: [{ name: 'NAMENODE' }, { name: 'RESOURCEMANAGER' }, { name: 'HDFS_CLIENT' }] },
      { name: 'worker', cardinality: '1+', components: [{ name: 'DATANODE' }, { name: 'NODEMANAGER' }] },
    ],
  };
}
