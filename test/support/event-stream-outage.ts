import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EventStreamOutage {
  /** Where to send requests: herd, except that every event stream answers 503. */
  baseUrl: string;
  /** Event-stream requests refused so far. */
  refused(): number;
  close(): Promise<void>;
}

/** A pass-through HTTP proxy in front of a real herd whose event streams are down, as behind a proxy that buffers or blocks SSE. */
export async function eventStreamOutage(herdBaseUrl: string): Promise<EventStreamOutage> {
  const upstream = new URL(herdBaseUrl);
  let refused = 0;
  const server: Server = createServer((incoming, outgoing) => {
    if (incoming.url?.includes('/events/stream')) {
      refused++;
      outgoing.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 503, message: 'event streams are down' }));
      return;
    }
    const forwarded = request({ host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused: () => refused,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
