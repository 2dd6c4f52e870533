import type { ProviderAdapter } from '../../spi';
import { KeystoneSession, type OpenStackCredentials } from '../keystone';
import { HEAT_DESCRIPTOR } from './heat.descriptor';
import { HeatConnection, type HeatConnectionOptions } from './heat.connection';

export class HeatAdapter implements ProviderAdapter {
  readonly descriptor = HEAT_DESCRIPTOR;

  constructor(private readonly options: HeatConnectionOptions = {}) {}

  connect(parameters: Record<string, unknown>): HeatConnection {
    return new HeatConnection(new KeystoneSession(parameters as unknown as OpenStackCredentials), this.options);
  }
}
