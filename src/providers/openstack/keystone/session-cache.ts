import type { ConnectContext } from '../../spi';
import { LruMap } from '../lru-map';
import { credentialFingerprint } from './credential-fingerprint';
import type { OpenStackCredentials } from './credentials';
import { KeystoneSession } from './session';

const SESSION_CACHE_CAPACITY = 256;

/**
 * One Keystone session per credential, shared by every connection an adapter makes with it, so an
 * operation or a health probe reuses the token and its catalog instead of authenticating again.
 * Keyed by the fingerprint of all the parameters, secrets included: a rotated secret gets a session
 * of its own. Beyond `capacity` the least recently used session is dropped and its agent closed
 * (a connection still holding it gets a new agent on its next call).
 */
export class KeystoneSessionCache {
  private readonly sessions: LruMap<string, KeystoneSession>;

  constructor(
    capacity = SESSION_CACHE_CAPACITY,
    private readonly now: () => number = Date.now,
  ) {
    this.sessions = new LruMap(capacity, (dropped) => void dropped.close());
  }

  /**
   * The credential's session; a connection `hold`s it and `release`s it on close. A session made
   * under another egress check (another registry) is not reused.
   */
  sessionFor(credentials: OpenStackCredentials, context?: ConnectContext): KeystoneSession {
    const fingerprint = credentialFingerprint(credentials);
    const found = this.sessions.get(fingerprint);
    if (found && (!context || found.assertEgress === context.assertEgress)) return found;
    const session = new KeystoneSession({ ...credentials }, this.now, context?.assertEgress);
    this.sessions.set(fingerprint, session);
    return session;
  }
}
