import type { KeystoneSession } from '../keystone';
import type { HotTemplate } from './heat.hot';

export interface HeatStack {
  id: string;
  stack_name: string;
  stack_status: string;
  stack_status_reason?: string;
  creation_time?: string;
}

export interface HeatEvent {
  id: string;
  resource_name: string;
  resource_status: string;
  resource_status_reason?: string;
  event_time: string;
}

export interface HeatResource {
  resource_name: string;
  resource_type: string;
  physical_resource_id: string;
  resource_status: string;
  resource_status_reason?: string;
}

/** The orchestration calls the Heat adapter needs. */
export class HeatApi {
  constructor(readonly session: KeystoneSession) {}

  private call(method: string, path: string, body?: unknown, allow?: number[]) {
    return this.session.request('orchestration', { method, path, body, allow });
  }

  /** Stacks of that exact name, oldest first (a race can make two: Heat checks names before creating). */
  async listStacks(name: string): Promise<HeatStack[]> {
    const res = await this.call('GET', `/stacks?${new URLSearchParams({ name })}`);
    return (res.body as { stacks: HeatStack[] }).stacks
      .filter((s) => s.stack_name === name)
      .sort((a, b) => (a.creation_time ?? '').localeCompare(b.creation_time ?? '') || a.id.localeCompare(b.id));
  }

  /** The stack of that name: the oldest one not being deleted, else the oldest. */
  async findStack(name: string): Promise<HeatStack | undefined> {
    const stacks = await this.listStacks(name);
    const found = stacks.find((stack) => !isDeleting(stack)) ?? stacks[0];
    return found ? this.getStack(name, found.id) : undefined;
  }

  async getStack(name: string, id: string): Promise<HeatStack | undefined> {
    const res = await this.call('GET', `/stacks/${encodeURIComponent(name)}/${id}`, undefined, [404]);
    if (res.status === 404) return undefined;
    const stack = (res.body as { stack: HeatStack }).stack;
    return stack.stack_status === 'DELETE_COMPLETE' ? undefined : stack;
  }

  async createStack(name: string, template: HotTemplate, tags: string[], timeoutMins: number): Promise<string> {
    const res = await this.call('POST', '/stacks', { stack_name: name, template, tags: tags.join(','), timeout_mins: timeoutMins, disable_rollback: true });
    return (res.body as { stack: { id: string } }).stack.id;
  }

  async updateStack(stack: HeatStack, template: HotTemplate, timeoutMins: number): Promise<void> {
    await this.call('PUT', `/stacks/${encodeURIComponent(stack.stack_name)}/${stack.id}`, { template, timeout_mins: timeoutMins, disable_rollback: true });
  }

  async template(stack: HeatStack): Promise<HotTemplate> {
    const res = await this.call('GET', `/stacks/${encodeURIComponent(stack.stack_name)}/${stack.id}/template`);
    return res.body as HotTemplate;
  }

  async resources(stack: HeatStack): Promise<HeatResource[]> {
    const res = await this.call('GET', `/stacks/${encodeURIComponent(stack.stack_name)}/${stack.id}/resources`);
    return (res.body as { resources: HeatResource[] }).resources;
  }

  /** Events after `marker` (oldest first). */
  async events(stack: HeatStack, marker?: string): Promise<HeatEvent[]> {
    const q = new URLSearchParams({ sort_dir: 'asc', limit: '200' });
    if (marker) q.set('marker', marker);
    const res = await this.call('GET', `/stacks/${encodeURIComponent(stack.stack_name)}/${stack.id}/events?${q}`);
    return (res.body as { events: HeatEvent[] }).events;
  }

  /** The stack's newest event, if it has any. */
  async latestEvent(stack: HeatStack): Promise<HeatEvent | undefined> {
    const q = new URLSearchParams({ sort_dir: 'desc', limit: '1' });
    const res = await this.call('GET', `/stacks/${encodeURIComponent(stack.stack_name)}/${stack.id}/events?${q}`);
    return (res.body as { events: HeatEvent[] }).events[0];
  }

  async action(stack: HeatStack, action: 'suspend' | 'resume'): Promise<void> {
    await this.call('POST', `/stacks/${encodeURIComponent(stack.stack_name)}/${stack.id}/actions`, { [action]: null });
  }

  async deleteStack(stack: HeatStack): Promise<void> {
    await this.call('DELETE', `/stacks/${encodeURIComponent(stack.stack_name)}/${stack.id}`, undefined, [404]);
  }

  async resourceTypes(): Promise<string[]> {
    const res = await this.call('GET', '/resource_types');
    return (res.body as { resource_types: string[] }).resource_types;
  }
}

/** A stack Heat is deleting, or failed to delete: never the one to keep or update. */
export function isDeleting(stack: HeatStack): boolean {
  return stack.stack_status.startsWith('DELETE_');
}
