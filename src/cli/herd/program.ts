import { Command, Option } from 'commander';
import { registerBlueprintCommands } from './blueprints.commands';
import { registerClusterActivityCommands } from './cluster-activity.commands';
import { registerClusterOperationCommands } from './cluster-operations.commands';
import { registerClusterCommands } from './clusters.commands';
import { registerCompletionCommand } from './completion.commands';
import { registerConfigCommands } from './config.commands';
import { registerCredentialCommands } from './credentials.commands';
import { registerOperationCommands } from './operations.commands';
import { OUTPUT_FORMATS } from './printer';
import { registerProviderCommands } from './providers.commands';

/** The whole `herd` command tree; errors are thrown (exitOverride), never exit the process here. */
export function herdProgram(version: string): Command {
  const program = new Command('herd')
    .description("herd's command line: blueprints, credentials and Hadoop clusters over herd's REST API")
    .version(version)
    .option('--url <url>', 'herd base URL (default: $HERD_URL, the profile, http://127.0.0.1:8080)')
    .option('--api-key <key>', 'API key (default: $HERD_API_KEY or the profile)')
    .option('--profile <name>', 'a profile of the config file (default: $HERD_PROFILE or the current one)')
    .addOption(new Option('-o, --output <format>', 'output for people (table) or scripts').choices(OUTPUT_FORMATS).default('table'))
    .option('--progress', 'draw the progress bar even when stderr is not a terminal')
    .showHelpAfterError()
    .exitOverride();
  registerConfigCommands(program);
  registerBlueprintCommands(program);
  registerCredentialCommands(program);
  const clusters = registerClusterCommands(program);
  registerClusterOperationCommands(clusters);
  registerClusterActivityCommands(clusters);
  registerProviderCommands(program);
  registerOperationCommands(program);
  registerCompletionCommand(program);
  for (const command of everyCommand(program)) command.exitOverride();
  return program;
}

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}
