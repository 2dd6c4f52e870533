import { NotFound, ValidationFailed } from '../../common/errors/domain-error';
import {
  CredentialFileError,
  FatalProviderError,
  ProviderConnection,
  ProviderDescriptor,
  providerKey,
  readsCredentialFiles,
  type ConnectContext,
  type CredentialFile,
} from '../spi';
import { CheckedAdapter, checkDeclaration } from './adapter-declaration';
import type { CredentialSchema } from './credential-schema';
import { EgressCheck, EgressDeniedError } from './egress-check';
import { observedConnection, type ProviderCallObserver } from './provider-call-observer';

export interface ProviderEntry {
  descriptor: ProviderDescriptor;
  schema: CredentialSchema;
  /** Where it came from: "built-in", `plugin "<name>"`, ... */
  source: string;
}

export interface AdapterSource {
  source: string;
  adapters: unknown[];
}

/** Boot stops with this when an adapter is missing, broken or declared twice. */
export class ProviderRegistryError extends Error {
  constructor(readonly problems: string[]) {
    super(`herd cannot start, a provider adapter is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ProviderRegistryError';
  }
}

/** Every provider herd can use, keyed by kind and variant: built-in adapters and plugins. */
export class ProviderRegistry {
  private readonly entries = new Map<string, CheckedAdapter & { source: string }>();
  private readonly callObservers: ProviderCallObserver[] = [];

  /** One context for every connect: adapters may tell a context they have seen (a cached session) by identity. */
  private readonly context: ConnectContext;

  private constructor(private readonly egress: EgressCheck | undefined) {
    this.context = { assertEgress: (url, what) => this.assertEgress(url, what) };
  }

  /** Checks every adapter; throws ProviderRegistryError listing all problems at once. */
  static create(sources: AdapterSource[], egress?: EgressCheck): ProviderRegistry {
    const registry = new ProviderRegistry(egress);
    const problems: string[] = [];
    for (const { source, adapters } of sources) {
      for (const candidate of adapters) {
        const { checked, problems: found } = checkDeclaration(candidate, source);
        problems.push(...found);
        if (!checked) continue;
        const { kind, variant } = checked.adapter.descriptor;
        const key = providerKey(kind, variant);
        const existing = registry.entries.get(key);
        if (existing) problems.push(`${source}: provider ${key} is already provided by ${existing.source}`);
        else registry.entries.set(key, { ...checked, source });
      }
    }
    if (problems.length > 0) throw new ProviderRegistryError(problems);
    return registry;
  }

  /** Every call on the connections made from now on is reported to this observer. */
  observeCalls(observer: ProviderCallObserver): void {
    this.callObservers.push(observer);
  }

  list(): ProviderEntry[] {
    return [...this.entries.values()]
      .map(({ adapter, schema, source }) => ({ descriptor: adapter.descriptor, schema, source }))
      .sort((a, b) => providerKey(a.descriptor.kind, a.descriptor.variant).localeCompare(providerKey(b.descriptor.kind, b.descriptor.variant)));
  }

  /** The variants of a kind, empty when the kind is unknown. */
  variantsOf(kind: string): string[] {
    return this.list()
      .filter((entry) => entry.descriptor.kind === kind)
      .map((entry) => entry.descriptor.variant);
  }

  /** Throws NotFound naming `kind/variant` when no adapter provides it. */
  get(kind: string, variant: string): ProviderEntry {
    const found = this.entry(kind, variant);
    return { descriptor: found.adapter.descriptor, schema: found.schema, source: found.source };
  }

  /**
   * The credential parameters a backend's own file describes (an OpenStack clouds.yaml or openrc),
   * read by the adapter; 400 naming the field when the file or the provider cannot give them.
   */
  readCredentialFile(kind: string, variant: string, file: CredentialFile): Record<string, unknown> {
    const { adapter } = this.entry(kind, variant);
    if (!readsCredentialFiles(adapter)) throw new ValidationFailed([{ field: 'provider', reason: `${providerKey(kind, variant)} does not read credential files` }]);
    try {
      return adapter.readCredentialFile(file);
    } catch (error) {
      if (error instanceof CredentialFileError) throw new ValidationFailed([{ field: error.field, reason: error.reason }]);
      throw error;
    }
  }

  /** The endpoints of these parameters that the egress policy refuses, for a credential about to be saved. */
  async refusedEndpoints(kind: string, variant: string, parameters: Record<string, unknown>): Promise<{ field: string; reason: string }[]> {
    return (await this.egress?.check(this.entry(kind, variant).adapter.descriptor, parameters, 'store')) ?? [];
  }

  /**
   * The one way herd binds an adapter to a credential: the egress policy sees the parameters
   * first, and the connection's facets must match the declared capabilities (`power` exactly
   * when `stopStart`, `commands` exactly when `nodeCommands`), so an adapter cannot claim what it
   * does not implement.
   */
  async connect(kind: string, variant: string, parameters: Record<string, unknown>): Promise<ProviderConnection> {
    const found = this.entry(kind, variant);
    const { descriptor } = found.adapter;
    const refused = (await this.egress?.check(descriptor, parameters)) ?? [];
    if (refused.length > 0) {
      throw new EgressDeniedError(`herd's egress policy refuses ${refused.map((problem) => `${problem.field} (${problem.reason})`).join(', ')}`);
    }
    const connection = found.adapter.connect(parameters, this.context);
    const hasPower = typeof connection?.power?.stop === 'function' && typeof connection.power.start === 'function';
    if (hasPower !== descriptor.capabilities.stopStart) {
      await connection?.close?.().catch(() => undefined);
      throw new FatalProviderError(
        `provider ${providerKey(kind, variant)} (${found.source}) declares stopStart: ${descriptor.capabilities.stopStart} but its connection ${hasPower ? 'has' : 'lacks'} the power facet`,
      );
    }
    const hasCommands = typeof connection?.commands?.run === 'function';
    if (hasCommands !== (descriptor.capabilities.nodeCommands === true)) {
      await connection?.close?.().catch(() => undefined);
      throw new FatalProviderError(
        `provider ${providerKey(kind, variant)} (${found.source}) declares nodeCommands: ${descriptor.capabilities.nodeCommands ?? false} but its connection ${hasCommands ? 'has' : 'lacks'} the commands facet`,
      );
    }
    return observedConnection(connection, providerKey(kind, variant), this.callObservers);
  }

  /** Refuses, as a non-retryable EgressDeniedError, an address a backend handed out that the egress policy refuses. */
  private async assertEgress(url: string, what: string): Promise<void> {
    const reason = await this.egress?.refusal(url);
    if (reason) throw new EgressDeniedError(`herd's egress policy refuses ${what} ${urlWithoutQuery(url)}: ${reason}`);
  }

  private entry(kind: string, variant: string): CheckedAdapter & { source: string } {
    const found = this.entries.get(providerKey(kind, variant));
    if (!found) throw new NotFound('provider', providerKey(kind, variant));
    return found;
  }
}

/** An address as an error may show it: without user info or query string, which may carry secrets. */
function urlWithoutQuery(url: string): string {
  try {
    const shown = new URL(url);
    shown.username = '';
    shown.password = '';
    shown.search = '';
    shown.hash = '';
    return shown.toString();
  } catch {
    return url.split(/[?#@]/)[0];
  }
}
