import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCircle, folderOf, importsOf, twoWayPairs } from './import-graph';

const SRC = join(__dirname, '..', '..', 'src');

describe('import rules of src/', () => {
  const edges = importsOf(SRC);

  it('reads the imports', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: join('modules', 'clusters', 'clusters.controller.ts'), to: join('modules', 'clusters', 'clusters.service.ts') });
  });

  it('has no two folders that import each other', () => {
    expect(twoWayPairs(edges)).toEqual([]);
  });

  it('has no longer circles of folders either: the folders form layers', () => {
    expect(folderCircle(edges)?.join(' -> ')).toBeUndefined();
  });

  it('finds a circle when there is one', () => {
    const circle = [
      { from: join('modules', 'a', 'x.ts'), to: join('modules', 'b', 'y.ts') },
      { from: join('modules', 'b', 'y.ts'), to: join('modules', 'c', 'z.ts') },
      { from: join('modules', 'c', 'z.ts'), to: join('modules', 'a', 'w.ts') },
    ];
    expect(folderCircle(circle)).toEqual(['modules/a', 'modules/b', 'modules/c', 'modules/a']);
    expect(folderCircle(circle.slice(0, 2))).toBeUndefined();
  });

  it('lets other folders into a domain module only through its public face (index.ts)', () => {
    const behindTheFace = edges.filter((edge) => {
      const target = folderOf(edge.to);
      return target.startsWith('modules/') && folderOf(edge.from) !== target && edge.to !== join(target, 'index.ts');
    });
    expect(behindTheFace.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([]);
  });

  it('lets the domain reach backends only through the SPI and the registry, never an adapter', () => {
    const intoAdapters = edges.filter((edge) => folderOf(edge.from).startsWith('modules/') && /^providers\/(?!spi$|registry$)/.test(folderOf(edge.to)));
    expect(intoAdapters.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([]);
  });

  it('keeps provider adapters and the SPI away from the domain modules', () => {
    const upward = edges.filter((edge) => folderOf(edge.from).startsWith('providers') && folderOf(edge.to).startsWith('modules/'));
    expect(upward).toEqual([]);
  });

  it('keeps the plumbing (config, queue, database, common) away from the domain modules and the app', () => {
    const plumbing = ['config', 'queue', 'database', 'common/'];
    const upward = edges.filter((edge) => plumbing.some((p) => folderOf(edge.from).startsWith(p)) && (folderOf(edge.to).startsWith('modules/') || folderOf(edge.to) === 'app'));
    expect(upward.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([]);
  });

  it('makes only the configuration and the provider registry global: every other module is imported where it is used', () => {
    const globalModules = (readdirSync(SRC, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') && readFileSync(join(SRC, file), 'utf8').includes('@Global()'));
    expect(globalModules.sort()).toEqual([join('config', 'config.module.ts'), join('providers', 'wiring', 'providers.module.ts')]);
  });
});
