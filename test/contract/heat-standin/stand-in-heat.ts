import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKER_CONTAINER_TYPE } from '../../../src/providers/openstack/heat/heat.docker-container';
import { HeatApi, type HeatStack } from '../../../src/providers/openstack/heat/heat.client';
import type { HotTemplate } from '../../../src/providers/openstack/heat/heat.hot';

const STANDIN_FILE = 'herd-docker-container-standin.yaml';

/**
 * The real Heat API, with two differences that make it a Heat "with the Docker plugin" for herd's tests:
 * every stack it creates or updates maps DockerInc::Docker::Container to the stand-in provider template in
 * the stack's own environment (so Heat's real engine creates those resources as nested stacks), and the
 * resource-type list it answers includes that type, as a Heat with the plugin would say. The loopback
 * Heat itself is left as Debian ships it, so every other test still sees the type missing.
 */
export class StandInHeatApi extends HeatApi {
  private readonly environment = { resource_registry: { [DOCKER_CONTAINER_TYPE]: STANDIN_FILE } };
  private readonly files = { [STANDIN_FILE]: readFileSync(join(__dirname, 'docker-container-standin.yaml'), 'utf8') };

  override async createStack(name: string, template: HotTemplate, tags: string[], timeoutMins: number): Promise<string> {
    const res = await this.session.request('orchestration', {
      method: 'POST',
      path: '/stacks',
      body: { stack_name: name, template, tags: tags.join(','), timeout_mins: timeoutMins, disable_rollback: true, environment: this.environment, files: this.files },
    });
    return (res.body as { stack: { id: string } }).stack.id;
  }

  override async updateStack(stack: HeatStack, template: HotTemplate, timeoutMins: number): Promise<void> {
    await this.session.request('orchestration', {
      method: 'PUT',
      path: `/stacks/${encodeURIComponent(stack.stack_name)}/${stack.id}`,
      body: { template, timeout_mins: timeoutMins, disable_rollback: true, environment: this.environment, files: this.files },
    });
  }

  override async resourceTypes(): Promise<string[]> {
    return [...(await super.resourceTypes()), DOCKER_CONTAINER_TYPE];
  }

  /** The parameters Heat passed to a stand-in container (its nested stack), as Heat stored them. */
  async standInParameters(stack: HeatStack, resource: string): Promise<Record<string, string>> {
    const r = await this.session.request('orchestration', { method: 'GET', path: `/stacks/${encodeURIComponent(stack.stack_name)}/${stack.id}/resources/${encodeURIComponent(resource)}` });
    const nestedId = (r.body as { resource: { physical_resource_id: string } }).resource.physical_resource_id;
    // Heat answers a stack id alone with a redirect to its full name and id
    const nested = await this.session.request('orchestration', { method: 'GET', path: `/stacks/${nestedId}` });
    return (nested.body as { stack: { parameters: Record<string, string> } }).stack.parameters;
  }
}
