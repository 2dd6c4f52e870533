import type { Schemas } from '../herd';

type Status = Schemas['ClusterView']['status'];
type Health = Schemas['ClusterView']['health'];

const STATUS_TONE: Record<Status, Tone> = {
  REQUESTED: 'busy',
  PROVISIONING: 'busy',
  AVAILABLE: 'good',
  UPDATING: 'busy',
  STOPPING: 'busy',
  STOPPED: 'idle',
  STARTING: 'busy',
  DELETING: 'busy',
  DELETED: 'idle',
  FAILED: 'bad',
};
const HEALTH_TONE: Record<Health, Tone> = { HEALTHY: 'good', DEGRADED: 'warn', UNHEALTHY: 'bad', UNKNOWN: 'idle' };

type Tone = 'good' | 'warn' | 'bad' | 'busy' | 'idle';

/** The word is always shown: colour only repeats it. */
export function Badge({ tone, label, children }: { tone: Tone; label: string; children: string }) {
  return (
    <span className={`badge badge-${tone}`} title={label}>
      <span className="visually-hidden">{label}: </span>
      {children}
    </span>
  );
}

export function StatusBadge({ status }: { status: Status }) {
  return (
    <Badge tone={STATUS_TONE[status]} label="status">
      {status}
    </Badge>
  );
}

export function HealthBadge({ health }: { health: Health }) {
  return (
    <Badge tone={HEALTH_TONE[health]} label="health">
      {health}
    </Badge>
  );
}
