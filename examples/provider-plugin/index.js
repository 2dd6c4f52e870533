'use strict';
// An example herd provider plugin. herd loads it from HERD_PROVIDER_PLUGINS and uses `adapters`.
const { DirectoryBackend } = require('./backend');
const { FatalProviderError } = require('./errors');

const INSTANCE_TYPES = [
  { name: 'tiny', cpus: 1, memoryMb: 1024 },
  { name: 'small', cpus: 2, memoryMb: 2048 },
];

const descriptor = {
  kind: 'files',
  variant: 'default',
  displayName: 'Local files (example plugin)',
  description: 'Each node is a file in a directory: a toy backend that shows how to write a herd provider plugin.',
  capabilities: {
    stopStart: true,
    scale: true,
    containerOptions: false,
    antiAffinity: false,
    multiTenancy: 'per-credential',
    bareMetal: false,
    healthReporting: 'push',
    declarative: false,
  },
  credentialSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['directory', 'secret'],
    properties: {
      directory: { type: 'string', minLength: 1, maxLength: 1024, description: 'Directory holding the backend account file' },
      secret: { type: 'string', minLength: 1, maxLength: 256, 'x-secret': true, description: 'Must match the account file' },
      bootMs: { type: 'integer', minimum: 0, maximum: 600000, default: 200, description: 'How long a node takes to boot' },
    },
  },
  instanceTypes: INSTANCE_TYPES,
};

function observe(record, bootMs, now) {
  let status;
  if (record.powered === false) status = 'STOPPED';
  else if (now - (record.poweredAt ?? record.createdAt) >= bootMs) status = 'RUNNING';
  else status = now - record.createdAt < bootMs / 2 ? 'PENDING' : 'STARTING';
  const componentStatus = status === 'RUNNING' ? 'running' : status === 'STOPPED' ? 'stopped' : 'starting';
  return {
    name: record.name,
    hostGroup: record.hostGroup,
    index: record.index,
    providerId: record.providerId,
    status,
    addresses: {},
    components: record.components.map((name) => ({ name, status: componentStatus })),
  };
}

function connect(parameters) {
  const backend = new DirectoryBackend(parameters.directory, parameters.secret);
  const bootMs = parameters.bootMs ?? 200;
  const setPower = async (cluster, nodes, powered) => {
    await backend.account();
    await Promise.all(nodes.map((node) => backend.update(cluster.tag, node.name, { powered, poweredAt: Date.now() })));
  };
  return {
    async verify() {
      try {
        const account = await backend.account();
        return { ok: true, message: `backend account in ${parameters.directory} (${account.maxNodes ?? 'unlimited'} nodes allowed)` };
      } catch (error) {
        return { ok: false, message: error.message };
      }
    },
    async prerequisites(cluster) {
      return cluster.hostGroups
        .map((group, index) => ({ group, index }))
        .filter(({ group }) => !INSTANCE_TYPES.some((type) => type.name === group.instanceType))
        .map(({ group, index }) => ({ field: `hostGroups[${index}].instanceType`, reason: `unknown instance type "${group.instanceType}"; known: ${INSTANCE_TYPES.map((type) => type.name).join(', ')}` }));
    },
    async describe(cluster) {
      await backend.account();
      const now = Date.now();
      return (await backend.nodes(cluster.tag)).map((record) => observe(record, bootMs, now));
    },
    async apply(cluster, plan, hooks) {
      const account = await backend.account();
      const groups = new Map(cluster.hostGroups.map((group) => [group.name, group]));
      for (const node of plan.launch) {
        const group = groups.get(node.hostGroup);
        if (!group) throw new FatalProviderError(`host group ${node.hostGroup} is not in the cluster spec`);
        if (!INSTANCE_TYPES.some((type) => type.name === group.instanceType)) throw new FatalProviderError(`unknown instance type "${group.instanceType}"`);
      }
      for (const node of plan.launch) {
        const components = groups.get(node.hostGroup).components.map((component) => component.name);
        const record = await backend.create(cluster.tag, { ...node, components, instanceType: groups.get(node.hostGroup).instanceType }, account.maxNodes);
        await hooks.resourceCreated({ node: node.name, providerId: record.providerId, type: 'file' });
      }
      await Promise.all(plan.terminate.map((node) => backend.remove(cluster.tag, node.name)));
    },
    power: {
      stop: (cluster, nodes) => setPower(cluster, nodes, false),
      start: (cluster, nodes) => setPower(cluster, nodes, true),
    },
    async teardown(cluster) {
      await backend.account();
      await backend.removeCluster(cluster.tag);
    },
  };
}

module.exports = { adapters: [{ descriptor, connect }] };
