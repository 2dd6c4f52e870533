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

/**
 * Builds the service when `entry` (a file of dist/) is missing or older than any source, and the
 * dashboard when it is. Build output goes to stderr, so a program's stdout (the CLI's `-o json`)
 * holds only its own answer.
 */
function ensureBuilt(entry = join('dist', 'src', 'main.js'), { serviceToo = true } = {}) {
  const stdio = ['ignore', process.stderr, process.stderr];
  if (serviceToo && olderThan(join(root, entry), [join(root, 'src'), join(root, 'migrations'), typescriptClient])) {
    execSync('npx nest build', { cwd: root, stdio });
  }
  if (olderThan(join(root, 'dist', 'ui', 'index.html'), [join(root, 'ui'), typescriptClient])) {
    execSync('npx vite build --config ui/vite.config.ts', { cwd: root, stdio });
  }
}

module.exports = { ensureBuilt };

if (require.main === module) ensureBuilt(undefined, { serviceToo: process.argv[2] !== 'ui' });
