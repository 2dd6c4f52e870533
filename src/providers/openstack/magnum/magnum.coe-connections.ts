import type { DockerConnection } from '../../docker/docker.connection';
import { LruMap } from '../lru-map';

interface Entry {
  /** What the connection was made for (COE address, pull policy): another value makes a new one. */
  key: string;
  connection: Promise<DockerConnection | undefined>;
}

/**
 * Docker connections to Magnum COEs, each holding the client key herd made and the certificate
 * Magnum signed for it. Shared by every connection of the adapter, so a monitor probe every few
 * seconds does not ask Magnum for a new certificate; an entry is only ever handed to connections
 * of the same credential. Kept in memory only, the least recently used dropped beyond `capacity`.
 */
export class CoeConnections {
  private readonly entries: LruMap<string, Entry>;

  constructor(capacity = 256) {
    this.entries = new LruMap(capacity);
  }

  get(scope: string, magnumCluster: string, key: string, make: () => Promise<DockerConnection | undefined>): Promise<DockerConnection | undefined> {
    const id = `${scope}/${magnumCluster}`;
    const found = this.entries.get(id);
    if (found?.key === key) return found.connection;
    const connection = make();
    this.entries.set(id, { key, connection });
    // A failed connection (Magnum busy, certificate refused) is made again on the next call.
    connection.catch(() => this.forget(scope, magnumCluster, connection));
    return connection;
  }

  /** Drops the entry (e.g. the COE refused the certificate: Magnum may have rotated its CA). */
  forget(scope: string, magnumCluster: string, only?: Promise<DockerConnection | undefined>): void {
    const id = `${scope}/${magnumCluster}`;
    if (!only || this.entries.get(id)?.connection === only) this.entries.delete(id);
  }
}
