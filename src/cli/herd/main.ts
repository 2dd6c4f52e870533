import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorReport } from './error-report';
import { exitCodeFor } from './exit-codes';
import { herdProgram } from './program';

/** `herd`: bin/herd.js runs this once dist/ is built. */
async function main(argv: string[]): Promise<number> {
  try {
    await herdProgram(packageVersion()).parseAsync(argv);
    return 0;
  } catch (error) {
    for (const line of errorReport(error)) process.stderr.write(`${line}\n`);
    return exitCodeFor(error);
  }
}

function packageVersion(): string {
  // Four folders up from dist/src/cli/herd when built, three from src/cli/herd under a TypeScript runner.
  for (const root of [join(__dirname, '..', '..', '..', '..'), join(__dirname, '..', '..', '..')]) {
    try {
      return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not this folder
    }
  }
  return 'unknown';
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
