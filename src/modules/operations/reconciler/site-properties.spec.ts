import { describe, expect, it } from 'vitest';
import { renderConfigFile } from '../../stacks';
import { siteProperty } from './site-properties';

describe('reading a rendered site file', () => {
  it('finds a property herd rendered, escapes undone, and nothing for an absent one', () => {
    const xml = renderConfigFile('hadoop-xml', { 'dfs.hosts.exclude': '/opt/hadoop/etc/hadoop/dfs.exclude', 'odd.value': 'a<b & "c"' });
    expect(siteProperty(xml, 'dfs.hosts.exclude')).toBe('/opt/hadoop/etc/hadoop/dfs.exclude');
    expect(siteProperty(xml, 'odd.value')).toBe('a<b & "c"');
    expect(siteProperty(xml, 'dfs.replication')).toBeUndefined();
  });
});
