import { posix } from 'node:path';

export interface ArchiveFile {
  /** Absolute path inside the container. */
  path: string;
  content: string;
}

const BLOCK = 512;

/**
 * A ustar archive of text files, extracted at `/` by the engine's putArchive (how `docker cp`
 * gets files into a container that has not started yet). Parent directories get their own
 * entries so they exist whatever the image holds.
 */
export function tarArchive(files: ArchiveFile[]): Buffer {
  const blocks: Buffer[] = [];
  const directories = new Set<string>();
  for (const file of files) {
    const path = posix.normalize(file.path).replace(/^\/+/, '');
    if (!path || path.startsWith('..')) throw new Error(`config file path ${file.path} is not an absolute path inside the container`);
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth += 1) {
      const directory = `${parts.slice(0, depth).join('/')}/`;
      if (directories.has(directory)) continue;
      directories.add(directory);
      blocks.push(header(directory, 0, '5', 0o755));
    }
    const body = Buffer.from(file.content, 'utf8');
    blocks.push(header(path, body.length, '0', 0o644), body, Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK));
  }
  blocks.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(blocks);
}

function header(path: string, size: number, type: '0' | '5', mode: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const { name, prefix } = splitPath(path);
  block.write(name, 0, 100, 'utf8');
  octal(block, 100, 8, mode);
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, size);
  octal(block, 136, 12, 0);
  block.fill(' ', 148, 156);
  block.write(type, 156, 1, 'ascii');
  block.write('ustar\u000000', 257, 8, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return block;
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}

function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  const cut = path.lastIndexOf('/', path.length - 2);
  const name = path.slice(cut + 1);
  const prefix = path.slice(0, cut);
  if (cut < 0 || Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) {
    throw new Error(`config file path ${path} is too long for a tar archive`);
  }
  return { name, prefix };
}
