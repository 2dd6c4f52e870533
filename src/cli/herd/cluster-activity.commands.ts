import type { Command } from 'commander';
import { HerdApiError, type HerdClient, type HerdErrorBody, ok, type Schemas } from '../../../clients/typescript/src';
import { type CliContext, cliContext } from './cli-context';
import { allPages } from './pages';
import { readServerSentEvents } from './server-sent-events';
import { renderFields, renderTable } from './table';

type ClusterEvent = Schemas['ClusterEventView'];

const RECONNECT_PAUSE_MS = 1000;

/** `herd clusters events|health|operations`: what happened to a cluster and how it is now. */
export function registerClusterActivityCommands(clusters: Command): void {
  clusters
    .command('events <cluster>')
    .description("the cluster's events, oldest first")
    .option('--follow', 'then keep printing new events as they happen (until interrupted)')
    .action(async (idOrName: string, options: { follow?: boolean }, command: Command) => {
      const context = cliContext(command);
      const herd = context.herd();
      if (options.follow) return followEvents(context, herd, idOrName);
      const events = await allPages((offset) => ok(herd.GET('/v1/clusters/{idOrName}/events', { params: { path: { idOrName }, query: { limit: 500, offset } } })));
      context.printer.result(events, () =>
        renderTable([{ header: 'TIME', value: (event) => event.createdAt }, { header: 'TYPE', value: (event) => event.type }, { header: 'MESSAGE', value: (event) => event.message }], events, context.printer.style),
      );
    });

  clusters
    .command('health <cluster>')
    .description("the cluster's health, and every node or component that is not running")
    .action(async (idOrName: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const cluster = await ok(context.herd().GET('/v1/clusters/{idOrName}', { params: { path: { idOrName } } }));
      const nodes = cluster.hostGroups.flatMap((group) =>
        group.nodes.map((node) => ({
          hostGroup: group.name,
          node: node.name,
          status: node.status,
          reason: node.statusReason ?? null,
          unwell: node.components.filter((component) => component.status !== 'running').map((component) => ({ component: component.name, status: component.status, reason: component.reason ?? null })),
        })),
      );
      const view = { cluster: cluster.name, status: cluster.status, health: cluster.health, nodes };
      const style = context.printer.style;
      context.printer.result(view, () =>
        [
          renderFields([['cluster', cluster.name], ['status', style.status(cluster.status)], ['health', style.status(cluster.health)]], style),
          '',
          renderTable(
            [
              { header: 'NODE', value: (node) => node.node },
              { header: 'STATUS', value: (node) => node.status, status: true },
              { header: 'NOT RUNNING', value: (node) => node.unwell.map((component) => `${component.component} ${component.status}${component.reason ? ` (${component.reason})` : ''}`).join(', ') },
              { header: 'REASON', value: (node) => node.reason },
            ],
            nodes,
            style,
          ),
        ].join('\n'),
      );
    });

  clusters
    .command('operations <cluster>')
    .description("the cluster's operations, newest first")
    .action(async (idOrName: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const herd = context.herd();
      const operations = await allPages((offset) => ok(herd.GET('/v1/clusters/{idOrName}/operations', { params: { path: { idOrName }, query: { limit: 100, offset } } })));
      context.printer.result(operations, () =>
        renderTable(
          [
            { header: 'TYPE', value: (operation) => operation.type },
            { header: 'STATUS', value: (operation) => operation.status, status: true },
            { header: '%', value: (operation) => operation.percent },
            { header: 'CREATED', value: (operation) => operation.createdAt },
            { header: 'SECONDS', value: (operation) => (operation.durationMs === null ? '' : (operation.durationMs / 1000).toFixed(1)) },
            { header: 'ID', value: (operation) => operation.id },
            { header: 'STEP / ERROR', value: (operation) => operation.error ?? operation.step },
          ],
          operations,
          context.printer.style,
        ),
      );
    });
}

/** Prints the stream's events as they come (JSON: one object per line), reconnecting after the last one seen. */
async function followEvents(context: CliContext, herd: HerdClient, idOrName: string): Promise<void> {
  const cluster = await ok(herd.GET('/v1/clusters/{idOrName}', { params: { path: { idOrName } } }));
  let lastEventId: string | undefined;
  for (;;) {
    try {
      const { data: body, response, error } = await herd.GET('/v1/clusters/{idOrName}/events/stream', {
        params: { path: { idOrName: cluster.id }, header: lastEventId !== undefined ? { 'Last-Event-ID': lastEventId } : {} },
        parseAs: 'stream',
      });
      if (response.status >= 400 && response.status < 500) throw new HerdApiError(response.status, error as HerdErrorBody | undefined, new URL(response.url).pathname);
      if (!response.ok || !body) throw new Error(`the event stream answered ${response.status}`);
      for await (const message of readServerSentEvents(body)) {
        const event = JSON.parse(message.data) as ClusterEvent;
        lastEventId = event.id;
        printEvent(context, event);
      }
    } catch (error) {
      if (error instanceof HerdApiError) throw error;
      process.stderr.write(`event stream interrupted (${(error as Error).message}); reconnecting\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_PAUSE_MS));
  }
}

function printEvent(context: CliContext, event: ClusterEvent): void {
  if (context.printer.format === 'table') process.stdout.write(`${event.createdAt}  ${event.type.padEnd(9)}  ${event.message}\n`);
  else if (context.printer.format === 'json') process.stdout.write(`${JSON.stringify(event)}\n`);
  else context.printer.result([event], () => '');
}
