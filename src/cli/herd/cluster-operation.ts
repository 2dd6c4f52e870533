import { type HerdClient, ok, type OperationView, type Schemas } from '../../../clients/typescript/src';
import type { CliContext } from './cli-context';
import { OperationFailed } from './exit-codes';
import { followOperation } from './follow-operation';

type Accepted = Schemas['AcceptedClusterView'];

/**
 * What every command that starts an operation does after herd's 202: without `--wait`, say what
 * was started; with it, follow the operation, and on failure give herd's reason and exit 1.
 */
export async function reportOperation(context: CliContext, herd: HerdClient, accepted: Accepted, label: string, wait: boolean): Promise<OperationView | undefined> {
  if (!wait) {
    context.printer.note(`${label}: operation ${accepted.operationId} accepted (herd operations show ${accepted.operationId})`, accepted);
    return undefined;
  }
  const operation = await followOperation(herd, accepted.cluster.id, accepted.operationId, context.progress(label));
  if (operation.status !== 'succeeded') {
    context.printer.result(operation, () => '');
    const cluster = await ok(herd.GET('/v1/clusters/{idOrName}', { params: { path: { idOrName: accepted.cluster.id } } })).catch(() => undefined);
    throw new OperationFailed(`${label} ${operation.status}: ${operation.error ?? cluster?.statusReason ?? 'herd gave no reason'}`);
  }
  return operation;
}
