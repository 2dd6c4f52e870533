import type { StreamState } from '../cluster-events';
import type { ClusterEvent } from '../herd';

const STATE_WORDS: Record<StreamState, string> = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…' };
const SHOWN = 200;

/** The cluster's events, newest first. */
export function EventTimeline({ events, state }: { events: ClusterEvent[]; state: StreamState }) {
  const newest = events.slice(-SHOWN).reverse();
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">
        Events <span className={`stream-state stream-${state}`}>{STATE_WORDS[state]}</span>
      </h2>
      {events.length === 0 && <p className="muted">No events yet.</p>}
      <ol className="timeline" aria-label="event timeline">
        {newest.map((event) => (
          <li key={event.id} className={`event event-${event.type}`}>
            <time dateTime={event.createdAt}>{new Date(event.createdAt).toLocaleTimeString()}</time>
            <span className="event-type">{event.type}</span>
            <span className="event-message">{event.message}</span>
          </li>
        ))}
      </ol>
      {events.length > SHOWN && <p className="muted">The {SHOWN} newest of {events.length} events.</p>}
    </section>
  );
}
