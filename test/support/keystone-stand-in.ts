import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Keystone stand-in on loopback whose catalog names a compute endpoint the test chooses, and a
 * compute service on the stand-in itself that counts the calls it gets.
 */
export interface KeystoneStandIn {
  url: string;
  /** The compute endpoint the catalog names; change it between calls. */
  computeAt: string;
  computeCalls: number;
  close(): Promise<void>;
}

export async function keystoneStandIn(): Promise<KeystoneStandIn> {
  const standIn = { url: '', computeAt: '', computeCalls: 0 } as KeystoneStandIn;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v3/auth/tokens') {
        res.writeHead(201, { 'Content-Type': 'application/json', 'X-Subject-Token': 'stand-in-token' });
        res.end(JSON.stringify({ token: { expires_at: new Date(Date.now() + 3_600_000).toISOString(), project: { id: 'p1', name: 'demo' }, catalog: [{ type: 'compute', endpoints: [{ interface: 'public', url: standIn.computeAt }] }] } }));
        return;
      }
      standIn.computeCalls++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ version: { id: 'v2.1', status: 'CURRENT', version: '2.79', min_version: '2.1' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return standIn;
}
