// Builds dist/ when it is missing or older than the sources, so `npm start` works on a fresh clone:
// the service (dist/src), then the dashboard (dist/ui), which `nest build` wipes with the rest of dist/.
// `node scripts/ensure-built.js ui` checks the dashboard only.
const { execSync } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function olderThan(built, sources) {
  return !existsSync(built) || statSync(built).mtimeMs < Math.max(...sources.map((source) => (statSync(source).isDirectory() ? newestMtime(source) : statSync(source).mtimeMs)));
}

const root = join(__dirname, '..');
const typescriptClient = join(root, 'clients', 'typescript', 'src');
const uiOnly = process.argv[2] === 'ui';

if (!uiOnly && olderThan(join(root, 'dist', 'src', 'main.js'), [join(root, 'src'), join(root, 'migrations'), typescriptClient])) {
  execSync('npx nest build', { cwd: root, stdio: 'inherit' });
}
if (olderThan(join(root, 'dist', 'ui', 'index.html'), [join(root, 'ui'), typescriptClient])) {
  execSync('npx vite build --config ui/vite.config.ts', { cwd: root, stdio: 'inherit' });
}
