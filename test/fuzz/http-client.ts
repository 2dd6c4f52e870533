import http from 'node:http';
import net from 'node:net';
import type { FuzzRequest } from './request-generator';

export interface FuzzOutcome {
  /** The status answered; undefined when the connection ended without one. */
  status?: number;
  /** Why no status came back: a socket error or the client refusing to send. */
  error?: string;
  sent: boolean;
  /** The first attempt got no answer and the request was sent again. */
  retried?: boolean;
}

const TIMEOUT_MS = 15_000;

export async function send(baseUrl: string, request: FuzzRequest, agent: http.Agent): Promise<FuzzOutcome> {
  const { hostname, port } = new URL(baseUrl);
  if (request.raw) return sendRaw(hostname, Number(port), request.raw);
  const first = await sendOnce(hostname, port, request, agent);
  if (first.status !== undefined || request.mayDropConnection || !first.sent) return first;
  // No answer to a request the server has no reason to cut: try once more on a new connection,
  // so a transport hiccup on a loaded machine is told apart from a request that breaks herd.
  const second = await sendOnce(hostname, port, request, agent);
  return { ...second, retried: true };
}

function sendOnce(hostname: string, port: string, request: FuzzRequest, agent: http.Agent): Promise<FuzzOutcome> {
  return new Promise((resolve) => {
    let req: http.ClientRequest;
    try {
      req = http.request({ host: hostname, port, method: request.method, path: request.path, headers: request.headers, agent, timeout: TIMEOUT_MS });
    } catch (error) {
      resolve({ sent: false, error: (error as NodeJS.ErrnoException).code ?? String(error) });
      return;
    }
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ sent: true, status: res.statusCode }));
      res.on('error', () => resolve({ sent: true, status: res.statusCode }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ sent: true, error: error.code ?? error.message }));
    req.end(request.body);
  });
}

function sendRaw(host: string, port: number, bytes: Buffer): Promise<FuzzOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host, port });
    const finish = (error?: string) => {
      socket.destroy();
      const head = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve({ sent: true, status: match ? Number(match[1]) : undefined, error: match ? undefined : (error ?? 'no answer') });
    };
    socket.setTimeout(2_000, () => finish('timeout'));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).includes('\r\n\r\n')) finish();
    });
    socket.on('end', () => finish());
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code));
    socket.write(bytes);
  });
}
