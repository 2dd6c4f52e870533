import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorNotice } from '../components/error-notice';
import { OperationProgress } from '../components/operation-progress';
import { type ClusterView, ok } from '../herd';
import { useSession } from '../session';

type Action = { kind: 'scale'; group: string; nodeCount: number } | { kind: 'stop' } | { kind: 'start' } | { kind: 'delete' };

const BUSY = new Set<ClusterView['status']>(['REQUESTED', 'PROVISIONING', 'UPDATING', 'STOPPING', 'STARTING', 'DELETING']);

/** Scale (per host group), stop, start and delete, each confirmed in a dialog; then the operation's progress. */
export function ClusterActions({ cluster, canStopStart, onChanged }: { cluster: ClusterView; canStopStart: boolean; onChanged: () => void }) {
  const { herd } = useSession();
  const [asking, setAsking] = useState<Action>();
  const [operationId, setOperationId] = useState<string>();
  const [error, setError] = useState<unknown>();
  const path = { params: { path: { idOrName: cluster.id } } };

  const run = async (action: Action) => {
    setAsking(undefined);
    setError(undefined);
    try {
      const accepted =
        action.kind === 'scale'
          ? await ok(herd.PUT('/v1/clusters/{idOrName}/host-groups/{name}', { params: { path: { idOrName: cluster.id, name: action.group } }, body: { nodeCount: action.nodeCount } }))
          : action.kind === 'stop'
            ? await ok(herd.POST('/v1/clusters/{idOrName}/stop', path))
            : action.kind === 'start'
              ? await ok(herd.POST('/v1/clusters/{idOrName}/start', path))
              : await ok(herd.DELETE('/v1/clusters/{idOrName}', path));
      setOperationId(accepted.operationId);
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };

  if (cluster.status === 'DELETED') return null;
  const busy = BUSY.has(cluster.status);
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      <div className="actions">
        {cluster.hostGroups.map((group) => (
          <button key={group.name} type="button" disabled={busy || cluster.status !== 'AVAILABLE'} onClick={() => setAsking({ kind: 'scale', group: group.name, nodeCount: group.nodeCount })}>
            Scale {group.name}
          </button>
        ))}
        {canStopStart && (
          <button type="button" disabled={cluster.status !== 'AVAILABLE'} onClick={() => setAsking({ kind: 'stop' })}>
            Stop
          </button>
        )}
        {canStopStart && (
          <button type="button" disabled={cluster.status !== 'STOPPED'} onClick={() => setAsking({ kind: 'start' })}>
            Start
          </button>
        )}
        <button type="button" className="danger" disabled={cluster.status === 'DELETING'} onClick={() => setAsking({ kind: 'delete' })}>
          Delete
        </button>
      </div>
      <ErrorNotice error={error} />
      {operationId && <OperationProgress key={operationId} operationId={operationId} onEnd={onChanged} />}
      {asking && <ActionDialog action={asking} cluster={cluster} onConfirm={run} onClose={() => setAsking(undefined)} />}
    </section>
  );
}

function ActionDialog({ action, cluster, onConfirm, onClose }: { action: Action; cluster: ClusterView; onConfirm: (action: Action) => void; onClose: () => void }) {
  const [nodeCount, setNodeCount] = useState(action.kind === 'scale' ? String(action.nodeCount) : '');
  if (action.kind === 'scale') {
    return (
      <ConfirmDialog title={`Scale host group ${action.group}`} confirmLabel="Scale" onConfirm={() => onConfirm({ ...action, nodeCount: Number(nodeCount) })} onClose={onClose}>
        <label htmlFor="scale-node-count">Nodes in {action.group}</label>
        <input id="scale-node-count" type="number" min={0} required autoFocus value={nodeCount} onChange={(event) => setNodeCount(event.target.value)} />
      </ConfirmDialog>
    );
  }
  const words = { stop: ['Stop', 'Its nodes are stopped; start it again to use it.'], start: ['Start', 'Its nodes are started again.'], delete: ['Delete', 'Everything it has on the provider is removed. This cannot be undone.'] }[action.kind];
  return (
    <ConfirmDialog title={`${words[0]} cluster ${cluster.name}?`} confirmLabel={words[0]} danger={action.kind === 'delete'} onConfirm={() => onConfirm(action)} onClose={onClose}>
      <p>{words[1]}</p>
    </ConfirmDialog>
  );
}
