import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createHerdApp } from '../bootstrap';
import { loadConfig } from '../config/config';

/**
 * `npm run openapi -- <file>`: writes the OpenAPI document this version of herd serves at
 * `/docs-json`, read from a herd started for the purpose (API role, on the configured PostgreSQL
 * and Redis), so the file is exactly what clients see.
 */
async function exportOpenApi(file: string | undefined): Promise<void> {
  const config = loadConfig({ ...process.env, HERD_ROLE: 'api', LOG_LEVEL: 'warn', HERD_REDIS_PREFIX: process.env.HERD_REDIS_PREFIX ?? `herd-openapi-${randomBytes(3).toString('hex')}` });
  const app = await createHerdApp({ config });
  try {
    await app.http.listen(0, '127.0.0.1');
    const { port } = app.http.getHttpServer().address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/docs-json`);
    if (!response.ok) throw new Error(`GET /docs-json answered ${response.status}`);
    const text = `${JSON.stringify(await response.json(), null, 2)}\n`;
    if (file) writeFileSync(file, text);
    else process.stdout.write(text);
  } finally {
    await app.close();
  }
}

exportOpenApi(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
