import type { Command } from 'commander';
import { ok, type Schemas } from '../../../clients/typescript/src';
import { cliContext } from './cli-context';
import { reportOperation } from './cluster-operation';
import { clusterRequest, type ClusterRequestFlags } from './cluster-request';
import { renderCluster, renderEndpoints } from './cluster-view';
import { UsageError } from './exit-codes';
import { collect } from './key-values';
import { allPages } from './pages';
import { renderFields, renderTable } from './table';

type ClusterStatus = Schemas['ClusterView']['status'];

interface CreateFlags extends ClusterRequestFlags {
  dryRun?: boolean;
  wait?: boolean;
  idempotencyKey?: string;
}

/** `herd clusters create|list|show`; the operations on a cluster are in cluster-operations.commands.ts. */
export function registerClusterCommands(program: Command): Command {
  const clusters = program.command('clusters').description('Hadoop clusters');

  clusters
    .command('create')
    .description('request a cluster from a JSON/YAML file (-f) and/or flags')
    .option('-f, --file <file>', 'a cluster request as POST /v1/clusters takes it (JSON or YAML); flags override it')
    .option('--name <name>', 'the cluster name')
    .option('--blueprint <blueprint>', 'blueprint id or name, e.g. hadoop-single-master')
    .option('--credential <credential>', 'credential id or name')
    .option('--host-group <name=count>', 'nodes of a host group; repeat it', collect, [])
    .option('--instance-type <name=type>', "a host group's instance type; repeat it", collect, [])
    .option('--on-failure <mode>', 'rollback (default) or keep what a failed create made')
    .option('--idempotency-key <key>', 'the same key and body answer the same cluster instead of a second one')
    .option('--dry-run', "check the request (blueprint, sizes, credential, quota, the provider's pre-flight) without creating anything")
    .option('--wait', 'follow the creation to its end and print the endpoints')
    .action(async (flags: CreateFlags, command: Command) => {
      const context = cliContext(command);
      const herd = context.herd();
      const body = clusterRequest(flags);
      if (flags.dryRun) {
        if (flags.wait) throw new UsageError('--dry-run creates nothing to --wait for');
        const validation = await ok(herd.POST('/v1/clusters/validate', { body }));
        context.printer.result(validation, () =>
          renderFields([['valid', validation.valid], ['provider', validation.provider], ['nodes', validation.nodes], ['checks', validation.checks.join(', ')]], context.printer.style),
        );
        return;
      }
      const accepted = await ok(herd.POST('/v1/clusters', { body, params: { header: flags.idempotencyKey !== undefined ? { 'Idempotency-Key': flags.idempotencyKey } : {} } }));
      const label = `create ${accepted.cluster.name}`;
      if (!(await reportOperation(context, herd, accepted, label, flags.wait === true))) return;
      const cluster = await ok(herd.GET('/v1/clusters/{idOrName}', { params: { path: { idOrName: accepted.cluster.id } } }));
      context.printer.result(cluster, () => `cluster ${cluster.name} is ${context.printer.style.status(cluster.status)} (${cluster.id})\n${renderEndpoints(cluster, context.printer.style)}`);
    });

  clusters
    .command('list')
    .description('your clusters')
    .option('--status <status>', 'only clusters in this status, e.g. AVAILABLE')
    .action(async (options: { status?: string }, command: Command) => {
      const context = cliContext(command);
      const herd = context.herd();
      const status = options.status !== undefined ? { status: options.status.toUpperCase() as ClusterStatus } : {};
      const items = await allPages((offset) => ok(herd.GET('/v1/clusters', { params: { query: { limit: 100, offset, ...status } } })));
      context.printer.result(items, () =>
        renderTable(
          [
            { header: 'NAME', value: (cluster) => cluster.name },
            { header: 'STATUS', value: (cluster) => cluster.status, status: true },
            { header: 'HEALTH', value: (cluster) => cluster.health, status: true },
            { header: 'PROVIDER', value: (cluster) => `${cluster.provider.kind}/${cluster.provider.variant}` },
            { header: 'NODES', value: (cluster) => cluster.hostGroups.map((group) => `${group.name}=${group.nodeCount}`).join(' ') },
            { header: 'ID', value: (cluster) => cluster.id },
          ],
          items,
          context.printer.style,
        ),
      );
    });

  clusters
    .command('show <cluster>')
    .description('one cluster (id or name): status, health, a table of its nodes, endpoints')
    .action(async (idOrName: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const cluster = await ok(context.herd().GET('/v1/clusters/{idOrName}', { params: { path: { idOrName } } }));
      context.printer.result(cluster, () => renderCluster(cluster, context.printer.style));
    });

  return clusters;
}
