import type { ProviderAdapter } from '../../spi';
import { KeystoneSession, type OpenStackCredentials } from '../keystone';
import { NOVA_DESCRIPTOR } from './nova.descriptor';
import { NovaConnection, type NovaConnectionOptions } from './nova.connection';

export class NovaAdapter implements ProviderAdapter {
  readonly descriptor = NOVA_DESCRIPTOR;

  constructor(private readonly options: NovaConnectionOptions = {}) {}

  connect(parameters: Record<string, unknown>): NovaConnection {
    return new NovaConnection(new KeystoneSession(parameters as unknown as OpenStackCredentials), this.options);
  }
}
