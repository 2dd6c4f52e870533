import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|require\(\s*['"](\.[^'"]+)['"]\s*\)/g;
/** Folders whose sub-folders are the feature folders: `modules/clusters`, `providers/docker`, `common/egress`. */
const PARENTS = new Set(['modules', 'providers', 'common']);

/** One relative import between two source files of `src/`. */
export interface ImportEdge {
  from: string;
  to: string;
}

/** Every relative import of the non-test TypeScript files under `srcRoot`, as paths relative to it. */
export function importsOf(srcRoot: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(srcRoot)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveImport(file, (match[1] ?? match[2] ?? match[3])!);
      if (target && target.startsWith(srcRoot + sep)) edges.push({ from: relative(srcRoot, file), to: relative(srcRoot, target) });
    }
  }
  return edges;
}

/** The folder a file belongs to: `modules/clusters` for `modules/clusters/x.ts`, `queue` for `queue/x.ts`, `app` for a top file. */
export function folderOf(path: string): string {
  const parts = path.split(sep);
  if (parts.length === 1) return 'app';
  if (PARENTS.has(parts[0]!) && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0]!;
}

/** Pairs of folders that import each other, each written `a <-> b` with a before b. */
export function twoWayPairs(edges: ImportEdge[]): string[] {
  const links = new Set(edges.map((edge) => `${folderOf(edge.from)}\u0000${folderOf(edge.to)}`));
  const pairs = new Set<string>();
  for (const link of links) {
    const [a, b] = link.split('\u0000') as [string, string];
    if (a !== b && links.has(`${b}\u0000${a}`)) pairs.add([a, b].sort().join(' <-> '));
  }
  return [...pairs].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** A circle of folders that import each other through others (`a -> b -> c -> a`), or undefined when the folder graph runs one way. */
export function folderCircle(edges: ImportEdge[]): string[] | undefined {
  const next = new Map<string, Set<string>>();
  for (const edge of edges) {
    const [from, to] = [folderOf(edge.from), folderOf(edge.to)];
    if (from !== to) next.set(from, (next.get(from) ?? new Set()).add(to));
  }
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (folder: string): string[] | undefined => {
    const at = path.indexOf(folder);
    if (at >= 0) return [...path.slice(at), folder];
    if (done.has(folder)) return undefined;
    path.push(folder);
    for (const target of next.get(folder) ?? []) {
      const circle = visit(target);
      if (circle) return circle;
    }
    path.pop();
    done.add(folder);
    return undefined;
  };
  for (const folder of [...next.keys()].sort()) {
    const circle = visit(folder);
    if (circle) return circle;
  }
  return undefined;
}
