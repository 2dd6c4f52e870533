import type { Command } from 'commander';
import { type HerdClient, ok, type Schemas } from '../../../clients/typescript/src';
import { cliContext } from './cli-context';
import { UsageError } from './exit-codes';
import { allPages } from './pages';
import { type Column, renderFields, renderTable } from './table';

type Provider = Schemas['ProviderView'];

const providerName = (provider: Provider) => `${provider.kind}/${provider.variant}`;

/** `herd providers`: the backends herd can build on and what each can do. */
export function registerProviderCommands(program: Command): void {
  const providers = program.command('providers').description('backends and their capabilities');

  providers
    .command('list')
    .description('every provider with its capability table')
    .action(async (_options: unknown, command: Command) => {
      const context = cliContext(command);
      const items = await allProviders(context.herd());
      const capabilities = [...new Set(items.flatMap((provider) => Object.keys(provider.capabilities)))];
      const columns: Column<Provider>[] = [
        { header: 'PROVIDER', value: providerName },
        ...capabilities.map((name): Column<Provider> => ({ header: name, value: (provider) => capabilityText(provider.capabilities[name]) })),
        { header: 'SOURCE', value: (provider) => provider.source },
      ];
      context.printer.result(items, () => renderTable(columns, items, context.printer.style));
    });

  providers
    .command('show <provider>')
    .description('one provider (kind or kind/variant): capabilities, instance types, credential parameters')
    .action(async (name: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const [kind, variant] = name.split('/');
      const matches = (await allProviders(context.herd())).filter((provider) => provider.kind === kind && (variant === undefined || provider.variant === variant));
      if (matches.length === 0) throw new UsageError(`no provider ${name} (herd providers list)`);
      const style = context.printer.style;
      context.printer.result(variant === undefined && matches.length > 1 ? matches : matches[0], () =>
        matches
          .map((provider) =>
            [
              renderFields([['provider', providerName(provider)], ['name', provider.displayName], ['description', provider.description], ['source', provider.source], ['default instance type', provider.defaultInstanceType]], style),
              '',
              renderTable([{ header: 'CAPABILITY', value: (entry) => entry[0] }, { header: 'VALUE', value: (entry) => capabilityText(entry[1]) }], Object.entries(provider.capabilities), style),
              '',
              renderTable([{ header: 'INSTANCE TYPE', value: (type) => String(type.name ?? '') }, { header: 'SIZE', value: (type) => instanceSize(type) }], provider.instanceTypes, style),
              '',
              renderTable(
                [{ header: 'CREDENTIAL PARAMETER', value: (entry) => entry.name }, { header: 'TYPE', value: (entry) => entry.type }, { header: 'SECRET', value: (entry) => (entry.secret ? 'yes' : '') }, { header: 'DESCRIPTION', value: (entry) => entry.description }],
                credentialParameters(provider),
                style,
              ),
            ].join('\n'),
          )
          .join('\n\n'),
      );
    });
}

function allProviders(herd: HerdClient): Promise<Provider[]> {
  return allPages((offset) => ok(herd.GET('/v1/providers', { params: { query: { limit: 100, offset } } })));
}

function capabilityText(value: unknown): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function instanceSize(type: Record<string, unknown>): string {
  return Object.entries(type)
    .filter(([key]) => key !== 'name')
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' ');
}

function credentialParameters(provider: Provider): { name: string; type: string; secret: boolean; description: string }[] {
  const properties = (provider.credentialSchema.properties ?? {}) as Record<string, { type?: unknown; description?: unknown }>;
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    type: Array.isArray(schema.type) ? schema.type.join('|') : String(schema.type ?? 'object'),
    secret: provider.secretFields.includes(name),
    description: typeof schema.description === 'string' ? schema.description : '',
  }));
}
