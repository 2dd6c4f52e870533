import { type HerdClient, ok, type OperationView, type Schemas, waitForOperation } from '../../../clients/typescript/src';
import type { Progress } from './progress';
import { readServerSentEvents } from './server-sent-events';

type ClusterEvent = Schemas['ClusterEventView'];

const ENDED: ReadonlySet<string> = new Set<OperationView['status']>(['succeeded', 'failed', 'cancelled']);

/** How often the operation is read beside the stream, in case its end never shows as an event. */
const WATCHDOG_MS = 5000;

/**
 * Follows one operation of a cluster to its end, showing its progress: from the cluster's live
 * event stream, or, when the stream cannot be opened or breaks, by polling the operation with
 * backoff. The operation as herd last reports it is the answer either way.
 */
export async function followOperation(herd: HerdClient, clusterId: string, operationId: string, progress: Progress): Promise<OperationView> {
  try {
    await followEventStream(herd, clusterId, operationId, progress).catch(() => undefined);
    let operation = await ok(herd.GET('/v1/operations/{id}', { params: { path: { id: operationId } } }));
    if (!ENDED.has(operation.status)) {
      operation = await waitForOperation(herd, operationId, { onProgress: (current) => progress.update(current.percent, current.step ?? current.status) });
    }
    progress.update(operation.percent, operation.status === 'succeeded' ? 'done' : `${operation.status}: ${operation.error ?? ''}`);
    return operation;
  } finally {
    progress.stop();
  }
}

/** Reads the stream (which replays the cluster's events from the first) until the operation's end shows in it; answers whether it did. */
async function followEventStream(herd: HerdClient, clusterId: string, operationId: string, progress: Progress): Promise<boolean> {
  const stopped = new AbortController();
  const watchdog = setInterval(async () => {
    const operation = await ok(herd.GET('/v1/operations/{id}', { params: { path: { id: operationId } } })).catch(() => undefined);
    if (operation && ENDED.has(operation.status)) stopped.abort();
  }, WATCHDOG_MS);
  try {
    const { data: body, response } = await herd.GET('/v1/clusters/{idOrName}/events/stream', { params: { path: { idOrName: clusterId } }, parseAs: 'stream', signal: stopped.signal });
    if (!response.ok || !body) return false;
    let percent = 0;
    for await (const message of readServerSentEvents(body)) {
      const event = JSON.parse(message.data) as ClusterEvent;
      if (event.operationId !== operationId) continue;
      if (typeof event.data.percent === 'number') percent = event.data.percent;
      progress.update(percent, event.message);
      if ((event.type === 'operation' || event.type === 'error') && typeof event.data.status === 'string' && ENDED.has(event.data.status)) return true;
    }
    return false;
  } finally {
    clearInterval(watchdog);
    stopped.abort();
  }
}
