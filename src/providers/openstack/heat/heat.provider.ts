import type { ConnectContext, CredentialFileReader, ProviderAdapter } from '../../spi';
import { KeystoneSessionCache, readOpenStackCredentialFile, type OpenStackCredentials } from '../keystone';
import { HEAT_DESCRIPTOR } from './heat.descriptor';
import { HeatConnection, type HeatConnectionOptions } from './heat.connection';

export class HeatAdapter implements ProviderAdapter, CredentialFileReader {
  readonly descriptor = HEAT_DESCRIPTOR;

  readonly readCredentialFile = readOpenStackCredentialFile;

  private readonly sessions = new KeystoneSessionCache();

  constructor(private readonly options: HeatConnectionOptions = {}) {}

  connect(parameters: Record<string, unknown>, context?: ConnectContext): HeatConnection {
    return new HeatConnection(this.sessions.sessionFor(parameters as unknown as OpenStackCredentials, context).hold(), this.options);
  }
}
