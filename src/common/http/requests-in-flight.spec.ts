import express from 'express';
import { once } from 'node:events';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestsInFlight } from './requests-in-flight';

/** Over real HTTP: a request counts until its handler answers, also after its client has hung up. */
describe('RequestsInFlight', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('settles only once a handler whose client hung up has answered', async () => {
    const inFlight = new RequestsInFlight();
    let finishHandler!: () => void;
    const handlerMayFinish = new Promise<void>((resolve) => (finishHandler = resolve));
    const handlerStarted = new Promise<void>((started) => {
      const app = express();
      app.use(inFlight.middleware);
      app.get('/slow', async (_request, response) => {
        started();
        await handlerMayFinish;
        response.json({ done: true });
      });
      server = app.listen(0, '127.0.0.1');
    });
    await once(server!, 'listening');
    const { port } = server!.address() as AddressInfo;

    const client = request({ host: '127.0.0.1', port, path: '/slow' });
    client.on('error', () => undefined);
    client.end();
    await handlerStarted;
    client.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(await inFlight.settled(100)).toBe(false);
    const settled = inFlight.settled(5_000);
    finishHandler();
    expect(await settled).toBe(true);
    expect(await inFlight.settled(0)).toBe(true);
  });

  it('is settled at once when nothing is in flight', async () => {
    expect(await new RequestsInFlight().settled(0)).toBe(true);
  });
});
