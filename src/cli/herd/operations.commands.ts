import type { Command } from 'commander';
import { ok, type OperationView } from '../../../clients/typescript/src';
import { cliContext } from './cli-context';
import type { Style } from './style';
import { renderFields } from './table';

/** `herd operations show|cancel`. */
export function registerOperationCommands(program: Command): void {
  const operations = program.command('operations').description('operations on clusters (create, scale, stop, start, repair, delete)');

  operations
    .command('show <operation>')
    .description('an operation by id: status, percent, step, error, times')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const operation = await ok(context.herd().GET('/v1/operations/{id}', { params: { path: { id } } }));
      context.printer.result(operation, () => renderOperation(operation, context.printer.style));
    });

  operations
    .command('cancel <operation>')
    .description('cancel an operation where it can stop safely')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const operation = await ok(context.herd().POST('/v1/operations/{id}/cancel', { params: { path: { id } } }));
      context.printer.result(operation, () => renderOperation(operation, context.printer.style));
    });
}

function renderOperation(operation: OperationView, style: Style): string {
  return renderFields(
    [
      ['id', operation.id],
      ['cluster', operation.clusterId],
      ['type', operation.type],
      ['status', style.status(operation.status)],
      ['percent', operation.percent],
      ['step', operation.step],
      ['error', operation.error],
      ['created', operation.createdAt],
      ['started', operation.startedAt],
      ['finished', operation.finishedAt],
      ['duration', operation.durationMs === null ? null : `${(operation.durationMs / 1000).toFixed(1)} s`],
    ],
    style,
  );
}
