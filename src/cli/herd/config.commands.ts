import type { Command } from 'commander';
import { cliContext, type GlobalOptions } from './cli-context';
import { maskApiKey } from './connection';
import { UsageError } from './exit-codes';
import { readProfileConfig, writeProfileConfig } from './profile-config';
import { renderFields, renderTable } from './table';

/** `herd config`: the profiles in config.yaml. */
export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description(`profiles of herd URLs and API keys, in $XDG_CONFIG_HOME/herd/config.yaml`);

  config
    .command('set <profile>')
    .description('create or change a profile from --url and --api-key (the first profile becomes current)')
    .option('--use', 'make it the current profile')
    .action((name: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      // --url and --api-key are the program's own options, read here as the profile's values.
      const options = command.optsWithGlobals<GlobalOptions & { use?: boolean }>();
      if (options.url === undefined && options.apiKey === undefined && !options.use) throw new UsageError('config set needs --url, --api-key or --use');
      const file = readProfileConfig(context.configPath);
      const profile = { ...file.profiles[name], ...(options.url !== undefined ? { url: options.url } : {}), ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}) };
      const current = options.use || file.current === undefined ? name : file.current;
      writeProfileConfig(context.configPath, { current, profiles: { ...file.profiles, [name]: profile } });
      context.printer.note(`profile ${name} saved in ${context.configPath}${current === name ? ' (current)' : ''}`, { profile: name, current, path: context.configPath });
    });

  config
    .command('show [profile]')
    .description('a profile (default: the current one), its API key masked')
    .action((name: string | undefined, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const file = readProfileConfig(context.configPath);
      const shown = name ?? file.current;
      const profile = shown !== undefined ? file.profiles[shown] : undefined;
      if (shown === undefined || !profile) throw new UsageError(shown === undefined ? 'no current profile (herd config set <profile> --url URL --api-key KEY)' : `no profile "${shown}"`);
      const view = { profile: shown, current: shown === file.current, url: profile.url ?? null, apiKey: maskApiKey(profile.apiKey) };
      context.printer.result(view, () => renderFields([['profile', view.profile], ['current', view.current], ['url', view.url], ['api key', view.apiKey]], context.printer.style));
    });

  config
    .command('list')
    .description('every profile; the current one is marked *')
    .action((_options: unknown, command: Command) => {
      const context = cliContext(command);
      const file = readProfileConfig(context.configPath);
      const rows = Object.entries(file.profiles).map(([profile, values]) => ({ profile, current: profile === file.current, url: values.url ?? null, apiKey: maskApiKey(values.apiKey) }));
      context.printer.result(rows, () =>
        renderTable([{ header: '', value: (row) => (row.current ? '*' : '') }, { header: 'PROFILE', value: (row) => row.profile }, { header: 'URL', value: (row) => row.url }, { header: 'API KEY', value: (row) => row.apiKey }], rows, context.printer.style),
      );
    });

  config
    .command('use <profile>')
    .description('make a profile the current one')
    .action((name: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const file = readProfileConfig(context.configPath);
      if (!file.profiles[name]) throw new UsageError(`no profile "${name}"`);
      writeProfileConfig(context.configPath, { ...file, current: name });
      context.printer.note(`current profile: ${name}`, { current: name });
    });

  config
    .command('delete <profile>')
    .description('remove a profile')
    .action((name: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const file = readProfileConfig(context.configPath);
      if (!file.profiles[name]) throw new UsageError(`no profile "${name}"`);
      const profiles = Object.fromEntries(Object.entries(file.profiles).filter(([profile]) => profile !== name));
      writeProfileConfig(context.configPath, { ...(file.current !== name ? { current: file.current } : {}), profiles });
      context.printer.note(`profile ${name} deleted`, { deleted: name });
    });
}
