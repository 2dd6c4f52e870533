import { describe, expect, it } from 'vitest';
import { webhookKindOf } from './webhook-kinds';

describe('webhookKindOf', () => {
  it('sees status and health changes as cluster kinds', () => {
    expect(webhookKindOf({ type: 'status', data: { from: 'REQUESTED', to: 'CREATING' } })).toBe('cluster.status');
    expect(webhookKindOf({ type: 'health', data: { from: 'HEALTHY', to: 'DEGRADED' } })).toBe('cluster.health');
  });

  it('sees the outcome of an operation by its status', () => {
    expect(webhookKindOf({ type: 'operation', data: { operation: 'create', status: 'succeeded' } })).toBe('operation.succeeded');
    expect(webhookKindOf({ type: 'error', data: { operation: 'scale', status: 'failed' } })).toBe('operation.failed');
    expect(webhookKindOf({ type: 'operation', data: { operation: 'scale', status: 'cancelled' } })).toBe('operation.cancelled');
  });

  it('tells no webhook of steps, progress, warnings or an error that ends nothing', () => {
    expect(webhookKindOf({ type: 'step', data: {} })).toBeUndefined();
    expect(webhookKindOf({ type: 'progress', data: { percent: 40 } })).toBeUndefined();
    expect(webhookKindOf({ type: 'warning', data: {} })).toBeUndefined();
    expect(webhookKindOf({ type: 'error', data: { reason: 'node lost' } })).toBeUndefined();
  });
});
