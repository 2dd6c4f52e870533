import type { Command } from 'commander';
import { ok, type Schemas } from '../../../clients/typescript/src';
import { cliContext } from './cli-context';
import { OperationFailed, UsageError } from './exit-codes';
import { importRequest, type ImportFlags } from './credential-sources';
import { collect, parametersFrom } from './key-values';
import { allPages } from './pages';
import { renderFields, renderTable } from './table';

type Credential = Schemas['CredentialView'];

interface CreateFlags extends Partial<ImportFlags> {
  name: string;
  param?: string[];
}

/** `herd credentials`: provider credentials, their secrets always masked. */
export function registerCredentialCommands(program: Command): void {
  const credentials = program.command('credentials').description('provider credentials (secrets are encrypted by herd and never shown)');

  credentials
    .command('create')
    .description('create a credential from --param flags, a clouds.yaml entry, an openrc file or the OS_* environment')
    .requiredOption('--name <name>', 'the credential name')
    .option('--provider <kind>', 'provider kind (herd providers list); default openstack when importing')
    .option('--variant <variant>', 'provider variant; default nova when importing')
    .option('--param <key=value>', 'a parameter; repeat it; dotted keys nest (tls.ca=...), JSON values are typed (latencyMs=20)', collect, [])
    .option('--from-clouds-yaml <file>', 'import an entry of this clouds.yaml')
    .option('--cloud <name>', 'the clouds.yaml entry')
    .option('--secure-yaml <file>', 'a secure.yaml whose entries override the clouds.yaml')
    .option('--from-openrc <file>', 'import an openrc file (its prompted password from OS_PASSWORD)')
    .option('--from-env', 'import the OS_* variables of the environment, as a sourced openrc leaves them')
    .action(async (flags: CreateFlags, command: Command) => {
      const context = cliContext(command);
      const sources = [flags.fromCloudsYaml, flags.fromOpenrc, flags.fromEnv].filter((source) => source !== undefined);
      if (sources.length > 1) throw new UsageError('choose one of --from-clouds-yaml, --from-openrc and --from-env');
      const herd = context.herd();
      let created: Credential;
      if (sources.length === 1) {
        if ((flags.param ?? []).length > 0) throw new UsageError('--param cannot be combined with an imported file');
        const body = importRequest({ ...flags, provider: flags.provider ?? 'openstack', variant: flags.variant ?? 'nova' }, context.env);
        created = await ok(herd.POST('/v1/credentials/import', { body }));
      } else {
        if (flags.provider === undefined) throw new UsageError('credentials create needs --provider (or --from-clouds-yaml, --from-openrc, --from-env)');
        created = await ok(herd.POST('/v1/credentials', { body: { name: flags.name, provider: flags.provider, ...(flags.variant !== undefined ? { variant: flags.variant } : {}), parameters: parametersFrom(flags.param ?? []) } }));
      }
      context.printer.result(created, () => `credential ${created.name} created (${created.id})\n${describe(created, context.printer.style)}`);
    });

  credentials
    .command('list')
    .description('your credentials')
    .action(async (_options: unknown, command: Command) => {
      const context = cliContext(command);
      const herd = context.herd();
      const items = await allPages((offset) => ok(herd.GET('/v1/credentials', { params: { query: { limit: 100, offset } } })));
      context.printer.result(items, () =>
        renderTable(
          [
            { header: 'NAME', value: (credential) => credential.name },
            { header: 'PROVIDER', value: (credential) => `${credential.provider}/${credential.variant}` },
            { header: 'SECRETS', value: (credential) => credential.secretFields.join(', ') },
            { header: 'UPDATED', value: (credential) => credential.updatedAt },
            { header: 'ID', value: (credential) => credential.id },
          ],
          items,
          context.printer.style,
        ),
      );
    });

  credentials
    .command('show <credential>')
    .description('one credential (id or name), secrets masked')
    .action(async (idOrName: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const credential = await ok(context.herd().GET('/v1/credentials/{idOrName}', { params: { path: { idOrName } } }));
      context.printer.result(credential, () => describe(credential, context.printer.style));
    });

  credentials
    .command('verify <credential>')
    .description('ask the provider whether the credential works (exit 1 when it does not)')
    .action(async (idOrName: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const result = await ok(context.herd().POST('/v1/credentials/{idOrName}/verify', { params: { path: { idOrName } } }));
      context.printer.result(result, () => `${context.printer.style.status(result.ok ? 'ok' : 'failed')}: ${result.message}`);
      if (!result.ok) throw new OperationFailed(`credential ${idOrName} does not work: ${result.message}`);
    });

  credentials
    .command('delete <credential>')
    .description('delete a credential no cluster uses')
    .action(async (idOrName: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      await ok(context.herd().DELETE('/v1/credentials/{idOrName}', { params: { path: { idOrName } } }));
      context.printer.note(`credential ${idOrName} deleted`, { deleted: idOrName });
    });
}

function describe(credential: Credential, style: Parameters<typeof renderFields>[1]): string {
  const parameters = Object.entries(flatten(credential.parameters)).map(([key, value]): [string, string] => [`  ${key}`, value]);
  return renderFields([['name', credential.name], ['id', credential.id], ['provider', `${credential.provider}/${credential.variant}`], ['secrets', credential.secretFields.join(', ')], ['updated', credential.updatedAt], ['parameters', ''], ...parameters], style);
}

/** Nested parameters as dotted keys, one line each; long PEM text shortened to its first line. */
function flatten(value: Record<string, unknown>, prefix = ''): Record<string, string> {
  const lines: Record<string, string> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) Object.assign(lines, flatten(inner as Record<string, unknown>, `${prefix}${key}.`));
    else lines[`${prefix}${key}`] = typeof inner === 'string' ? (inner.includes('\n') ? `${inner.split('\n')[0]} ...` : inner) : JSON.stringify(inner);
  }
  return lines;
}
