import type { ConnectContext, CredentialFileReader, ProviderAdapter } from '../../spi';
import { KeystoneSessionCache, readOpenStackCredentialFile, type OpenStackCredentials } from '../keystone';
import { NOVA_DESCRIPTOR } from './nova.descriptor';
import { NovaConnection, type NovaConnectionOptions } from './nova.connection';

export class NovaAdapter implements ProviderAdapter, CredentialFileReader {
  readonly descriptor = NOVA_DESCRIPTOR;

  readonly readCredentialFile = readOpenStackCredentialFile;

  private readonly sessions = new KeystoneSessionCache();

  constructor(private readonly options: NovaConnectionOptions = {}) {}

  connect(parameters: Record<string, unknown>, context?: ConnectContext): NovaConnection {
    return new NovaConnection(this.sessions.sessionFor(parameters as unknown as OpenStackCredentials, context).hold(), this.options);
  }
}
