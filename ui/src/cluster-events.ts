import { useEffect, useState } from 'react';
import { type ClusterEvent, type HerdClient, ok } from './herd';

/** The `event:` names herd's stream sends (one per event type); an EventSource hears only those it listens for. */
const EVENT_TYPES: ClusterEvent['type'][] = ['status', 'step', 'progress', 'error', 'warning', 'health', 'operation'];
const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * A cluster's events, live. An EventSource cannot send the Authorization header, so each
 * connection first asks for a short-lived stream token and opens `streamUrl` with it. herd checks
 * the token only when a stream opens; on an error the browser would retry with the same, perhaps
 * expired, token, so the source is closed and a new one opened with a fresh token. A new stream
 * replays from the first event; events already shown are skipped by id.
 */
export function useClusterEvents(herd: HerdClient, clusterId: string): { events: ClusterEvent[]; state: StreamState } {
  const [events, setEvents] = useState<ClusterEvent[]>([]);
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    let stopped = false;
    let source: EventSource | undefined;
    let retryTimer: number | undefined;
    let failures = 0;
    const seen = new Set<string>();
    setEvents([]);

    // herd's event type `error` shares its name with the EventSource's own error event, which carries no data.
    const isClusterEvent = (event: Event): event is MessageEvent<string> => event instanceof MessageEvent && typeof event.data === 'string';
    const receive = (message: Event) => {
      if (!isClusterEvent(message) || seen.has(message.lastEventId)) return;
      seen.add(message.lastEventId);
      const event = JSON.parse(message.data) as ClusterEvent;
      setEvents((previous) => [...previous, event]);
    };
    const retry = () => {
      source?.close();
      source = undefined;
      if (stopped) return;
      setState('reconnecting');
      retryTimer = window.setTimeout(open, RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]);
    };
    async function open(): Promise<void> {
      try {
        const { streamUrl } = await ok(herd.POST('/v1/clusters/{idOrName}/events/stream-tokens', { params: { path: { idOrName: clusterId } } }));
        if (stopped) return;
        source = new EventSource(streamUrl);
        for (const type of EVENT_TYPES) source.addEventListener(type, receive);
        source.onopen = () => {
          failures = 0;
          setState('live');
        };
        source.onerror = (event) => {
          if (!isClusterEvent(event)) retry();
        };
      } catch {
        retry();
      }
    }

    void open();
    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      source?.close();
    };
  }, [herd, clusterId]);

  return { events, state };
}
