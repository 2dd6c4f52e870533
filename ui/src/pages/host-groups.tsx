import type { ClusterView } from '../herd';

/** Host groups, their nodes and each node's components with endpoints. */
export function HostGroups({ cluster }: { cluster: ClusterView }) {
  return (
    <section aria-labelledby="host-groups-title">
      <h2 id="host-groups-title">Host groups</h2>
      {cluster.hostGroups.map((group) => (
        <section key={group.name} className="host-group" aria-label={`host group ${group.name}`}>
          <h3>
            {group.name} <span className="muted">×{group.nodeCount}, {group.instanceType}</span>
          </h3>
          {group.nodes.length === 0 && <p className="muted">No nodes.</p>}
          <ul className="nodes">
            {group.nodes.map((node) => (
              <li key={node.name} className="node">
                <strong>{node.name}</strong> <span className="muted">{node.status}</span>
                {node.addresses.private && <span className="muted"> · {node.addresses.private}</span>}
                <ul className="components">
                  {node.components.map((component) => (
                    <li key={component.name}>
                      <span className="component-name">{component.name}</span> <span className="muted">{component.status}</span>
                      {component.endpoint && (
                        <>
                          {' '}
                          <code className="endpoint">{component.endpoint}</code>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
