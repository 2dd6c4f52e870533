import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tarArchive } from './docker.archive';

describe('tarArchive', () => {
  let directory: string | undefined;
  afterEach(() => directory && rmSync(directory, { recursive: true, force: true }));

  it('makes an archive that tar extracts to the same files, deep and long paths included', () => {
    directory = mkdtempSync(join(tmpdir(), 'herd-tar-'));
    const long = `/opt/${'hadoop-configuration/'.repeat(6)}etc/hadoop/hdfs-site.xml`;
    const files = [
      { path: '/etc/hadoop/core-site.xml', content: '<configuration>é</configuration>\n' },
      { path: '/etc/hadoop/yarn-site.xml', content: '' },
      { path: long, content: 'x'.repeat(1000) },
    ];
    writeFileSync(join(directory, 'a.tar'), tarArchive(files));
    execFileSync('tar', ['-xf', 'a.tar'], { cwd: directory });
    for (const file of files) expect(readFileSync(join(directory, file.path), 'utf8')).toBe(file.content);
  });

  it('refuses a path that climbs out of the root', () => {
    expect(() => tarArchive([{ path: '../../etc/passwd', content: '' }])).toThrow(/not an absolute path/);
  });
});
