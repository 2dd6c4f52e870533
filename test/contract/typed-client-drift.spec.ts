import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const CLIENT = join(ROOT, 'clients', 'typescript');
const REGENERATE = 'the committed client is behind the API: run `npm run client:generate` and commit clients/typescript';

/** The typed client in clients/typescript is generated from the document herd serves; it must not drift from it. */
describe('the typed client', () => {
  let app: TestApp;
  let served: unknown;
  const scratch = mkdtempSync(join(tmpdir(), 'herd-client-'));

  beforeAll(async () => {
    app = await startTestApp({ role: 'api' });
    served = await (await fetch(`${app.baseUrl}/docs-json`)).json();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('ships the OpenAPI document herd serves', () => {
    expect(JSON.parse(readFileSync(join(CLIENT, 'openapi.json'), 'utf8')), REGENERATE).toEqual(served);
  });

  it('holds the types generated from that document', async () => {
    const document = join(scratch, 'openapi.json');
    const types = join(scratch, 'schema.ts');
    const committed = readFileSync(join(CLIENT, 'openapi.json'), 'utf8');
    writeFileSync(document, committed);
    const generator = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    await promisify(execFile)(process.execPath, [generator, document, '--default-non-nullable', 'false', '-o', types], { cwd: ROOT });
    expect(readFileSync(join(CLIENT, 'src', 'schema.ts'), 'utf8'), REGENERATE).toBe(readFileSync(types, 'utf8'));
  });
});
