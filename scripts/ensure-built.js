// Builds dist/ when it is missing or older than the sources, so `npm start` works on a fresh clone.
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

const root = join(__dirname, '..');

/**
 * Builds when `entry` (a file of dist/) is missing or older than any source. The build's output
 * goes to stderr, so a program's stdout (the CLI's `-o json`) holds only its own answer.
 */
function ensureBuilt(entry = join('dist', 'src', 'main.js')) {
  const built = join(root, entry);
  const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'migrations')), newestMtime(join(root, 'clients', 'typescript', 'src')));
  if (stale) execSync('npx nest build', { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
}

module.exports = { ensureBuilt };

if (require.main === module) ensureBuilt();
