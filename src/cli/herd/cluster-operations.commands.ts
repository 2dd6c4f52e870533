import type { Command } from 'commander';
import { type HerdClient, ok, type OperationView, type Schemas } from '../../../clients/typescript/src';
import { type CliContext, cliContext } from './cli-context';
import { reportOperation } from './cluster-operation';
import { nodeCount } from './key-values';

type Accepted = Schemas['AcceptedClusterView'];
type Path = { params: { path: { idOrName: string } } };

/** The lifecycle operations that take only the cluster: each a POST answered 202 (delete a DELETE). */
const SIMPLE_OPERATIONS: { name: string; description: string; start: (herd: HerdClient, path: Path) => Promise<Accepted> }[] = [
  { name: 'stop', description: 'stop every node; the cluster keeps its disks', start: (herd, path) => ok(herd.POST('/v1/clusters/{idOrName}/stop', path)) },
  { name: 'start', description: 'start a stopped cluster', start: (herd, path) => ok(herd.POST('/v1/clusters/{idOrName}/start', path)) },
  { name: 'repair', description: 'replace lost or broken nodes', start: (herd, path) => ok(herd.POST('/v1/clusters/{idOrName}/repair', path)) },
  { name: 'retry', description: 'run the failed operation again', start: (herd, path) => ok(herd.POST('/v1/clusters/{idOrName}/retry', path)) },
  { name: 'delete', description: 'tear the cluster down, leaving nothing on the provider', start: (herd, path) => ok(herd.DELETE('/v1/clusters/{idOrName}', path)) },
];

/** `herd clusters scale|stop|start|repair|retry|delete`, each with `--wait`. */
export function registerClusterOperationCommands(clusters: Command): void {
  clusters
    .command('scale <cluster> <hostGroup> <count>')
    .description('set the number of nodes of a host group')
    .option('--wait', 'follow the operation to its end')
    .action(async (idOrName: string, hostGroup: string, count: string, options: { wait?: boolean }, command: Command) => {
      const context = cliContext(command);
      const herd = context.herd();
      const accepted = await ok(herd.PUT('/v1/clusters/{idOrName}/host-groups/{name}', { params: { path: { idOrName, name: hostGroup } }, body: { nodeCount: nodeCount(count, '<count>') } }));
      await finish(context, herd, accepted, `scale ${accepted.cluster.name} ${hostGroup} to ${count}`, options.wait === true);
    });

  for (const operation of SIMPLE_OPERATIONS) {
    clusters
      .command(`${operation.name} <cluster>`)
      .description(operation.description)
      .option('--wait', 'follow the operation to its end')
      .action(async (idOrName: string, options: { wait?: boolean }, command: Command) => {
        const context = cliContext(command);
        const herd = context.herd();
        const accepted = await operation.start(herd, { params: { path: { idOrName } } });
        await finish(context, herd, accepted, `${operation.name} ${accepted.cluster.name}`, options.wait === true);
      });
  }
}

async function finish(context: CliContext, herd: HerdClient, accepted: Accepted, label: string, wait: boolean): Promise<void> {
  const operation = await reportOperation(context, herd, accepted, label, wait);
  if (operation) context.printer.result(operation, () => `${label}: ${context.printer.style.status(operation.status)}${duration(operation)}`);
}

function duration(operation: OperationView): string {
  return operation.durationMs === null ? '' : ` in ${(operation.durationMs / 1000).toFixed(1)} s`;
}
