import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** A real HTTP receiver on 127.0.0.1: `answer(path, nth)` picks the status of the nth request (1-based) to a path. */
export async function startWebhookReceiver(answer: (path: string, nth: number) => number): Promise<{ url: (path: string) => string; received: (path: string) => ReceivedHook[]; close: () => Promise<void> }> {
  const hooks: ReceivedHook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      hooks.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() });
      res.statusCode = answer(path, hooks.filter((hook) => hook.path === path).length);
      res.end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received: (path) => hooks.filter((hook) => hook.path === path),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
