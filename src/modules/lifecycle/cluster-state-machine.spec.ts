import { describe, expect, it } from 'vitest';
import { CLUSTER_STATUSES, statusAfterRequest, TRANSITIONS, canTransition } from './cluster-state-machine';
import { OPERATION_KINDS } from './operation-kinds';

describe('cluster state machine', () => {
  it('follows the documented lifecycle', () => {
    expect(canTransition('REQUESTED', 'PROVISIONING')).toBe(true);
    expect(canTransition('PROVISIONING', 'AVAILABLE')).toBe(true);
    expect(canTransition('AVAILABLE', 'UPDATING')).toBe(true);
    expect(canTransition('UPDATING', 'AVAILABLE')).toBe(true);
    expect(canTransition('STOPPED', 'STARTING')).toBe(true);
    expect(canTransition('FAILED', 'DELETING')).toBe(true);
    expect(canTransition('AVAILABLE', 'PROVISIONING')).toBe(false);
    expect(canTransition('STOPPED', 'AVAILABLE')).toBe(false);
  });

  it('lets every status but DELETED reach DELETING, and DELETED go nowhere', () => {
    for (const status of CLUSTER_STATUSES) {
      if (status === 'DELETED' || status === 'DELETING') continue;
      expect(canTransition(status, 'DELETING'), status).toBe(true);
    }
    expect(TRANSITIONS.DELETED).toEqual([]);
  });

  it('rejects an illegal request with a 409 naming the current status', () => {
    expect(() => statusAfterRequest('start', 'AVAILABLE')).toThrow(/The cluster is AVAILABLE; it can be started only when it is STOPPED/);
    expect(() => statusAfterRequest('delete', 'DELETED')).toThrow(/The cluster is DELETED/);
    expect(statusAfterRequest('stop', 'AVAILABLE')).toBe('STOPPING');
  });

  it('only moves requests, runs and unforeseen failures along legal transitions', () => {
    for (const [type, kind] of Object.entries(OPERATION_KINDS)) {
      for (const from of kind.requestedFrom) expect(canTransition(from, kind.requestedTo), `${type} from ${from}`).toBe(true);
      const running = kind.runningAs ?? kind.requestedTo;
      if (running !== kind.requestedTo) expect(canTransition(kind.requestedTo, running), `${type} run`).toBe(true);
      if (kind.unforeseenFailure !== running) expect(canTransition(running, kind.unforeseenFailure), `${type} failure`).toBe(true);
    }
    expect(canTransition('REQUESTED', OPERATION_KINDS.create.runningAs!)).toBe(true);
  });
});
