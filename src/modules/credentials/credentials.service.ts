import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FieldProblem, IllegalState, ValidationFailed } from '../../common/errors';
import { Page, PageQuery, pageOf, requireIfMatch, strongETag } from '../../common/http';
import { ProviderEntry, ProviderRegistry } from '../../providers/registry';
import type { VerifyResult } from '../../providers/spi';
import type { TenantScope } from '../tenancy';
import type { Credential } from './credential.entity';
import { CredentialRepository } from './credential.repository';
import { bindingOf, CredentialSecrets } from './credential-secrets';
import { CredentialUsage } from './credential-usage';
import { CredentialVerifier } from './credential-verifier';
import type { ImportCredentialDto } from './dto/credential-import.dto';
import { CreateCredentialDto, UpdateCredentialDto } from './dto/credential-input.dto';
import { CredentialView, credentialViewOf } from './dto/credential-view';
import type { ResolvedCredential } from './resolved-credential';
import { mergeSecrets, SECRET_MASK, SecretValues, valueAt } from './secret-fields';

@Injectable()
export class CredentialsService {
  constructor(
    private readonly repository: CredentialRepository,
    private readonly registry: ProviderRegistry,
    private readonly secrets: CredentialSecrets,
    private readonly usage: CredentialUsage,
    private readonly verifier: CredentialVerifier,
  ) {}

  async create(scope: TenantScope, input: CreateCredentialDto): Promise<CredentialView> {
    const provider = this.providerFor(input.provider, input.variant);
    assertValid(provider.schema.validate(input.parameters));
    assertValid(await this.registry.refusedEndpoints(provider.descriptor.kind, provider.descriptor.variant, input.parameters));
    const id = randomUUID();
    const stored = this.secrets.seal(input.parameters, provider.schema.secretPaths, { tenantId: scope.tenantId, credentialId: id });
    const credential = await this.repository.insert(scope, {
      id,
      name: input.name,
      providerKind: provider.descriptor.kind,
      providerVariant: provider.descriptor.variant,
      ...stored,
    });
    return credentialViewOf(credential);
  }

  /** Has the provider's adapter read the user's file (a clouds.yaml or openrc), then creates the credential like `create` does. */
  async importFile(scope: TenantScope, input: ImportCredentialDto): Promise<CredentialView> {
    const { name, provider, variant, ...file } = input;
    const { descriptor } = this.providerFor(provider, variant);
    const parameters = this.registry.readCredentialFile(descriptor.kind, descriptor.variant, file);
    return this.create(scope, { name, provider, variant: descriptor.variant, parameters });
  }

  async list(scope: TenantScope, query: PageQuery): Promise<Page<CredentialView>> {
    const [items, total] = await this.repository.page(scope, query.limit, query.offset);
    return pageOf(items.map(credentialViewOf), total, query);
  }

  async get(scope: TenantScope, idOrName: string): Promise<CredentialView> {
    return credentialViewOf(await this.repository.get(scope, idOrName));
  }

  /** Replaces the parameters; a secret sent as the mask keeps its stored value. */
  async replaceParameters(scope: TenantScope, idOrName: string, input: UpdateCredentialDto, ifMatch?: string): Promise<CredentialView> {
    const credential = await this.repository.get(scope, idOrName);
    requireIfMatch(ifMatch, credentialETag(credential), 'credential');
    const provider = this.registry.get(credential.providerKind, credential.providerVariant);
    const stored = new Map(this.secrets.secretsOf(credential).map(([path, value]) => [path.join('\u0000'), value]));
    const kept: SecretValues = [];
    const problems: FieldProblem[] = [];
    for (const path of provider.schema.secretPaths) {
      if (valueAt(input.parameters, path) !== SECRET_MASK) continue;
      const key = path.join('\u0000');
      if (stored.has(key)) kept.push([path, stored.get(key)]);
      else problems.push({ field: ['parameters', ...path].join('.'), reason: 'is the mask of a secret that is not set; send the secret itself' });
    }
    const parameters = mergeSecrets(input.parameters, kept);
    assertValid([...problems, ...provider.schema.validate(parameters)]);
    assertValid(await this.registry.refusedEndpoints(credential.providerKind, credential.providerVariant, parameters));
    const sealed = this.secrets.seal(parameters, provider.schema.secretPaths, bindingOf(credential));
    return credentialViewOf(await this.repository.replaceParameters(scope, credential.id, sealed));
  }

  async remove(scope: TenantScope, idOrName: string, ifMatch?: string): Promise<void> {
    const credential = await this.repository.get(scope, idOrName);
    requireIfMatch(ifMatch, credentialETag(credential), 'credential');
    const users = await this.usage.usersOf(scope, credential.id);
    if (users.length > 0) throw new IllegalState(`Credential "${credential.name}" is used by ${users.join(', ')}; delete ${users.length > 1 ? 'them' : 'it'} first`);
    await this.repository.remove(scope, credential.id);
  }

  async verify(scope: TenantScope, idOrName: string): Promise<VerifyResult> {
    const credential = await this.repository.get(scope, idOrName);
    let resolved: ResolvedCredential;
    try {
      resolved = this.resolvedOf(credential);
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    return this.verifier.verify(resolved);
  }

  /** The credential with its secrets decrypted, for code that connects to the provider. Never return it to a client. */
  async resolveForUse(scope: TenantScope, idOrName: string): Promise<ResolvedCredential> {
    return this.resolvedOf(await this.repository.get(scope, idOrName));
  }

  private resolvedOf(credential: Credential): ResolvedCredential {
    return {
      id: credential.id,
      name: credential.name,
      provider: credential.providerKind,
      variant: credential.providerVariant,
      parameters: this.secrets.open(credential),
    };
  }

  private providerFor(kind: string, variant: string | undefined): ProviderEntry {
    const variants = this.registry.variantsOf(kind);
    if (variants.length === 0) {
      const kinds = [...new Set(this.registry.list().map((entry) => entry.descriptor.kind))];
      throw new ValidationFailed([{ field: 'provider', reason: `is not a known provider (${kinds.length > 0 ? `known: ${kinds.join(', ')}` : 'no provider is installed'})` }]);
    }
    if (variant === undefined && variants.length > 1) {
      throw new ValidationFailed([{ field: 'variant', reason: `is required for provider ${kind} (one of ${variants.join(', ')})` }]);
    }
    const chosen = variant ?? variants[0]!;
    if (!variants.includes(chosen)) throw new ValidationFailed([{ field: 'variant', reason: `is not a variant of provider ${kind} (one of ${variants.join(', ')})` }]);
    return this.registry.get(kind, chosen);
  }
}

function assertValid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}

/** A credential's strong ETag: its last update, which every change of its parameters moves. */
export function credentialETag(credential: Pick<Credential, 'updatedAt'>): string {
  return strongETag(credential.updatedAt);
}
