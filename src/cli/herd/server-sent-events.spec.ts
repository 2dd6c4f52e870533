import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from './server-sent-events';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(chunks: string[]) {
  const events = [];
  for await (const event of readServerSentEvents(streamOf(chunks))) events.push(event);
  return events;
}

describe('readServerSentEvents', () => {
  it('cuts events at blank lines, skips comments, and joins data lines', async () => {
    expect(await collect([': keep-alive\n\n', 'id: 7\nevent: step\ndata: {"a":1}\n\n', 'data: one\ndata: two\n\n'])).toEqual([
      { id: '7', event: 'step', data: '{"a":1}' },
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('reassembles an event split across chunks, CRLF split included', async () => {
    expect(await collect(['id: 1\r', '\nevent: sta', 'tus\r\ndata: x\r\n', '\r\n'])).toEqual([{ id: '1', event: 'status', data: 'x' }]);
  });

  it('drops an event the stream ended in the middle of', async () => {
    expect(await collect(['data: complete\n\n', 'data: cut'])).toEqual([{ event: 'message', data: 'complete' }]);
  });
});
