import type { Command } from 'commander';
import { ok } from '../../../clients/typescript/src';
import { checkBlueprint } from './blueprint-check';
import { cliContext } from './cli-context';
import { UsageError } from './exit-codes';
import { readDocument } from './input-files';
import { allPages } from './pages';
import { renderFields, renderTable } from './table';

const stackName = (stack: { name: string; version: string }) => `${stack.name} ${stack.version}`;

/** `herd blueprints`: Ambari blueprints. */
export function registerBlueprintCommands(program: Command): void {
  const blueprints = program.command('blueprints').description('Ambari blueprints');

  blueprints
    .command('list')
    .description('built-in blueprints and yours')
    .action(async (_options: unknown, command: Command) => {
      const context = cliContext(command);
      const herd = context.herd();
      const items = await allPages((offset) => ok(herd.GET('/v1/blueprints', { params: { query: { limit: 100, offset } } })));
      context.printer.result(items, () =>
        renderTable(
          [
            { header: 'NAME', value: (blueprint) => blueprint.name },
            { header: 'STACK', value: (blueprint) => stackName(blueprint.stack) },
            { header: 'RUNS ON', value: (blueprint) => stackName(blueprint.resolvedStack) },
            { header: 'HOST GROUPS', value: (blueprint) => blueprint.hostGroups.map((group) => group.name).join(', ') },
            { header: 'BUILT-IN', value: (blueprint) => (blueprint.builtIn ? 'yes' : '') },
          ],
          items,
          context.printer.style,
        ),
      );
    });

  blueprints
    .command('show <blueprint>')
    .description('one blueprint (id or name) with its host groups and components')
    .action(async (idOrName: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const blueprint = await ok(context.herd().GET('/v1/blueprints/{idOrName}', { params: { path: { idOrName } } }));
      const style = context.printer.style;
      context.printer.result(blueprint, () =>
        [
          renderFields([['name', blueprint.name], ['id', blueprint.id], ['description', blueprint.description], ['stack', stackName(blueprint.stack)], ['runs on', stackName(blueprint.resolvedStack)], ['built-in', blueprint.builtIn], ['created', blueprint.createdAt]], style),
          '',
          renderTable([{ header: 'HOST GROUP', value: (group) => group.name }, { header: 'CARDINALITY', value: (group) => group.cardinality }, { header: 'COMPONENTS', value: (group) => group.components.join(', ') }], blueprint.hostGroups, style),
        ].join('\n'),
      );
    });

  blueprints
    .command('import <file>')
    .description('save a blueprint from a JSON or YAML file (Ambari form, or Cloudbreak {name, ambariBlueprint})')
    .option('--name <name>', 'name an Ambari-form blueprint (exported blueprints carry none)')
    .action(async (file: string, options: { name?: string }, command: Command) => {
      const context = cliContext(command);
      const document = readDocument(file);
      const created = await ok(context.herd().POST('/v1/blueprints', { params: { query: options.name !== undefined ? { name: options.name } : {} }, body: document as never }));
      context.printer.note(`blueprint ${created.name} imported (${created.id}), stack ${stackName(created.stack)} on ${stackName(created.resolvedStack)}`, created);
    });

  blueprints
    .command('validate <file>')
    .description("check a blueprint file against herd's stack catalog without saving it")
    .action(async (file: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const document = readDocument(file);
      const stacks = await allPages((offset) => ok(context.herd().GET('/v1/stacks', { params: { query: { limit: 100, offset } } })));
      const check = checkBlueprint(document, stacks);
      if (check.problems.length > 0) throw new UsageError(`${file} is not a valid blueprint`, check.problems);
      const view = { valid: true, stack: check.stack ? stackName(check.stack) : null, hostGroups: check.hostGroups };
      context.printer.note(`${file} is valid: ${view.hostGroups} host groups on stack ${view.stack}`, view);
    });

  blueprints
    .command('delete <blueprint>')
    .description('delete one of your blueprints (id or name)')
    .action(async (idOrName: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      await ok(context.herd().DELETE('/v1/blueprints/{idOrName}', { params: { path: { idOrName } } }));
      context.printer.note(`blueprint ${idOrName} deleted`, { deleted: idOrName });
    });
}
