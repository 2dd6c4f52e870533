import type { Command } from 'commander';
import { createHerdClient, type HerdClient } from '../../../clients/typescript/src';
import { type Connection, resolveConnection } from './connection';
import { outputFormat, Printer } from './printer';
import { createProgress, type Progress } from './progress';
import { type Environment, profileConfigPath, readProfileConfig } from './profile-config';
import { colourAllowed, createStyle } from './style';

/** The options every command takes, declared once on the program. */
export interface GlobalOptions {
  url?: string;
  apiKey?: string;
  profile?: string;
  output?: string;
  progress?: boolean;
}

/** What a command's action needs: how to print, how to reach herd, how to show progress. */
export interface CliContext {
  printer: Printer;
  env: Environment;
  configPath: string;
  connection(): Connection;
  herd(): HerdClient;
  progress(label: string): Progress;
}

export function cliContext(command: Command, env: Environment = process.env): CliContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const printer = new Printer(outputFormat(options.output), createStyle(colourAllowed(process.stdout, env)));
  const configPath = profileConfigPath(env);
  const connection = () => resolveConnection(options, env, readProfileConfig(configPath));
  return {
    printer,
    env,
    configPath,
    connection,
    herd: () => {
      const { url, apiKey } = connection();
      return createHerdClient({ baseUrl: url, apiKey });
    },
    progress: (label) => createProgress({ label, forceBar: options.progress === true }),
  };
}
