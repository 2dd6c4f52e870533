import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the dashboard is served, and the base Vite builds it for. */
export const DASHBOARD_PATH = '/ui';
/** The command that builds the dashboard, named by the page served when the build is missing. */
export const DASHBOARD_BUILD_COMMAND = 'npm run build:ui';

/** The built dashboard (`dist/ui` of the checkout), found from this file whether it runs from `src/` or `dist/src/`. */
export function dashboardBuildDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'ui');
}

/** Vite names every emitted asset after its content hash, so a cached copy never goes stale. */
export function isHashedAsset(relativePath: string): boolean {
  return /^assets\/[^/]+-[\w-]{8,}\.\w+$/.test(relativePath);
}

export function buildMissingPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>herd dashboard not built</title></head>
<body><main><h1>The herd dashboard is not built</h1>
<p>Build it with <code>${DASHBOARD_BUILD_COMMAND}</code> (or <code>npm run build</code>), then reload this page.</p></main></body></html>
`;
}
