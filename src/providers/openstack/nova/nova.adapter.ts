import type { ProviderAdapter } from '../../spi';
import { KeystoneSessionCache, type OpenStackCredentials } from '../keystone';
import { NOVA_DESCRIPTOR } from './nova.descriptor';
import { NovaConnection, type NovaConnectionOptions } from './nova.connection';

export class NovaAdapter implements ProviderAdapter {
  readonly descriptor = NOVA_DESCRIPTOR;

  private readonly sessions = new KeystoneSessionCache();

  constructor(private readonly options: NovaConnectionOptions = {}) {}

  connect(parameters: Record<string, unknown>): NovaConnection {
    return new NovaConnection(this.sessions.sessionFor(parameters as unknown as OpenStackCredentials), this.options);
  }
}
