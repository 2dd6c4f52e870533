import { createHerdClient, HerdApiError, type HerdClient, type Schemas } from '../../clients/typescript/src';

export { HerdApiError, ok, waitForOperation, type HerdClient, type OperationView, type Schemas } from '../../clients/typescript/src';

export type ClusterView = Schemas['ClusterView'];
export type ClusterEvent = Schemas['ClusterEventView'];
export type FieldProblem = Schemas['FieldProblemDto'];

/** A typed client of the herd that served this page, signed in with the given key; `onRejected` hears every 401 (the key was revoked or expired). */
export function herdFor(apiKey: string, onRejected?: () => void): HerdClient {
  return createHerdClient({
    baseUrl: window.location.origin,
    apiKey,
    fetch: async (request) => {
      const response = await fetch(request);
      if (response.status === 401) onRejected?.();
      return response;
    },
  });
}

/** herd's message for a failed call, or the error's own. */
export function describeError(error: unknown): string {
  if (error instanceof HerdApiError) return error.body?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The per-field problems of a 400 answer, empty for any other failure. */
export function fieldProblemsOf(error: unknown): FieldProblem[] {
  return error instanceof HerdApiError && error.status === 400 ? (error.body?.details ?? []) : [];
}
