import type { ConnectContext, CredentialFileReader, ProviderAdapter } from '../../spi';
import { credentialFingerprint, KeystoneSessionCache, readOpenStackCredentialFile, type OpenStackCredentials } from '../keystone';
import { MAGNUM_DESCRIPTOR } from './magnum.descriptor';
import { CoeConnections } from './magnum.coe-connections';
import { MagnumConnection, type MagnumConnectionOptions } from './magnum.connection';

export class MagnumAdapter implements ProviderAdapter, CredentialFileReader {
  readonly descriptor = MAGNUM_DESCRIPTOR;

  readonly readCredentialFile = readOpenStackCredentialFile;

  /** COE connections and their client certificates, reused by every connection of the same credential. */
  private readonly coes = new CoeConnections();

  private readonly sessions = new KeystoneSessionCache();

  constructor(private readonly options: MagnumConnectionOptions = {}) {}

  connect(parameters: Record<string, unknown>, context?: ConnectContext): MagnumConnection {
    return new MagnumConnection(this.sessions.sessionFor(parameters as unknown as OpenStackCredentials, context).hold(), this.options, this.coes, credentialFingerprint(parameters));
  }
}
