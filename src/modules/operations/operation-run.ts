import type { ClusterSpec, ProviderConnection, ProviderDescriptor } from '../../providers/spi';
import type { ClusterBlueprint } from '../clusters';
import type { Cluster, Operation } from '../lifecycle';
import type { ClusterEventType } from '../events';

/** Thrown between steps once the operation was cancelled (by a delete); the run stops quietly. */
export class OperationCancelled extends Error {
  constructor(operationId: string) {
    super(`operation ${operationId} was cancelled`);
    this.name = 'OperationCancelled';
  }
}

/**
 * A terminal failure in words for the user: what failed, where, and what they can do.
 * `nodesCreated` tells the failure policy whether anything is left to roll back.
 */
export class OperationFailure extends Error {
  constructor(
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OperationFailure';
  }

  get forUser(): string {
    return `${this.message}. ${this.hint}`;
  }
}

export interface RunReporter {
  /** A new step: recorded as an event and as the operation's current step. */
  step(step: string, percent: number, data?: Record<string, unknown>): Promise<void>;
  /** Progress within the current step; recorded as an event every few percent. */
  progress(percent: number, detail?: string): Promise<void>;
  event(type: ClusterEventType, message: string, data?: Record<string, unknown>): Promise<void>;
  throwIfCancelled(): Promise<void>;
}

/** Everything a handler needs while it carries out one operation. */
export interface OperationRun {
  operation: Operation;
  cluster: Cluster;
  blueprint: ClusterBlueprint;
  spec: ClusterSpec;
  provider: ProviderDescriptor;
  connection: ProviderConnection;
  /** Epoch ms when the operation gives up. */
  deadline: number;
  report: RunReporter;
}
