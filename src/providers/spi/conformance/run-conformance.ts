import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec, NodeSpec } from '../cluster-spec';
import { AuthFailedError, ProviderError, UnsupportedOperationError } from '../errors';
import { COMPONENT_STATUSES, NODE_STATUSES } from '../node-status';
import type { ObservedNode } from '../observed';
import { ApplyHooks, ProviderConnection, providerKey } from '../provider';
import { allNodeSpecs, conformanceCluster, nodeSpecs } from './cluster';
import { defaultComponents } from './components';
import { applyUntil, askTeardown, tearDown, timed, untilGone } from './driving';
import { guardedConnection } from './guarded-connection';
import type { ConformanceFactory, ConformanceOptions, ConformanceSubject, ParametersVariant, ResolvedConformanceOptions } from './options';
import { waitForNodes } from './polling';

function resolve(options: ConformanceOptions): ResolvedConformanceOptions {
  const statusTimeoutMs = options.statusTimeoutMs ?? 60_000;
  return {
    stack: options.stack ?? { name: 'HDP', version: '3.1' },
    hostGroups: options.hostGroups ?? [
      { name: 'master', nodeCount: 1, components: defaultComponents(['NAMENODE', 'RESOURCEMANAGER']) },
      { name: 'worker', nodeCount: 2, components: defaultComponents(['DATANODE', 'NODEMANAGER']) },
    ],
    pollIntervalMs: options.pollIntervalMs ?? 100,
    statusTimeoutMs,
    testTimeoutMs: options.testTimeoutMs ?? 4 * statusTimeoutMs,
    callTimeoutMs: options.callTimeoutMs ?? 30_000,
    tenantId: options.tenantId ?? '00000000-0000-4000-8000-00000000c0f0',
    authFailure: options.authFailure,
    faults: options.faults ?? [],
    skip: { unknownInstanceType: options.skip?.unknownInstanceType ?? false, concurrentApply: options.skip?.concurrentApply ?? false },
  };
}

interface RecordedResource {
  node?: string;
  providerId: string;
  type: string;
}

function recordingHooks(): ApplyHooks & { resources: RecordedResource[] } {
  const resources: RecordedResource[] = [];
  return {
    resources,
    async resourceCreated(resource) {
      resources.push(resource);
    },
  };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Rejects unless `promise` fails with an error of `type`; returns that error. */
async function expectRejection<E>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E, call: string): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    const seen = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`${call} should fail with ${type.name}, but failed with ${seen}`, { cause: error });
  }
  throw new Error(`${call} should fail with ${type.name}, but succeeded`);
}

/**
 * Registers vitest tests that hold any ProviderAdapter to the SPI's contract: launch, describe
 * finds exactly what was launched, idempotent re-apply, scale, stop/start when capable, teardown
 * with no orphans, errors mapped to the SPI classes, capabilities honest. It drives the connection
 * as herd does: each apply and teardown only starts work and must return within `callTimeoutMs`,
 * then `describe` is polled (and the plan applied again where a backend takes it in steps). Call
 * it at the top level of a spec file.
 */
export function runProviderConformance(factory: ConformanceFactory, options: ConformanceOptions = {}): void {
  const settings = resolve(options);
  const timeout = settings.testTimeoutMs;
  const state: { subject?: ConformanceSubject; connection?: ProviderConnection; instanceType?: string } = {};
  const madeClusters: ClusterSpec[] = [];

  const subject = () => state.subject as ConformanceSubject;
  const connection = () => state.connection as ProviderConnection;
  const connect = (variant: ParametersVariant) => {
    const working = subject().parameters;
    return guardedConnection(subject().adapter.connect(typeof variant === 'function' ? variant(working) : variant));
  };
  const newCluster = (hostGroups = settings.hostGroups) => {
    const cluster = conformanceCluster(settings, state.instanceType as string, hostGroups);
    madeClusters.push(cluster);
    return cluster;
  };
  const waitFor = (cluster: ClusterSpec, wanted: string, done: (nodes: ObservedNode[]) => boolean) => waitForNodes(connection(), cluster, wanted, done, settings);
  const allRunning = (expected: number) => (nodes: ObservedNode[]) => nodes.length === expected && nodes.every((node) => node.status === 'RUNNING');
  const launch = (cluster: ClusterSpec, launchNodes: NodeSpec[], hooks: ApplyHooks = recordingHooks(), on = connection()) => on.apply(cluster, { launch: launchNodes, terminate: [] }, hooks);
  /** Launches as herd does: the plan again while nodes are missing, until `expected` nodes run. */
  const converge = (cluster: ClusterSpec, launchNodes: NodeSpec[], expected: number, hooks: ApplyHooks = recordingHooks()) =>
    applyUntil(connection(), cluster, { launch: launchNodes, terminate: [] }, hooks, `${expected} RUNNING nodes`, allRunning(expected), settings);
  const removeAll = (cluster: ClusterSpec) => tearDown(connection(), cluster, settings);

  describe(`provider conformance: ${options.name ?? 'adapter'}`, () => {
    beforeAll(async () => {
      state.subject = await factory();
      state.connection = connect(state.subject.parameters);
      state.instanceType = options.instanceType ?? state.subject.adapter.descriptor.instanceTypes[0]?.name;
    }, timeout);

    afterAll(async () => {
      if (!state.subject) return;
      try {
        for (const cluster of madeClusters) await connection().teardown(cluster).catch(() => undefined);
        await connection().close?.();
      } finally {
        await state.subject.cleanup?.();
      }
    }, timeout);

    describe('descriptor', () => {
      it('declares kind, variant, display name, capabilities, a credential schema and instance types', () => {
        const { descriptor } = subject().adapter;
        expect(providerKey(descriptor.kind, descriptor.variant)).toMatch(/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/);
        expect(descriptor.displayName.length).toBeGreaterThan(0);
        expect(descriptor.credentialSchema).toMatchObject({ type: 'object' });
        expect(descriptor.instanceTypes.length).toBeGreaterThan(0);
        for (const type of descriptor.instanceTypes) {
          expect(type.cpus).toBeGreaterThan(0);
          expect(type.memoryMb).toBeGreaterThan(0);
        }
        expect(descriptor.instanceTypes.map((type) => type.name)).toContain(state.instanceType);
        for (const flag of ['stopStart', 'scale', 'containerOptions', 'antiAffinity', 'bareMetal', 'declarative'] as const) {
          expect(typeof descriptor.capabilities[flag], `capabilities.${flag}`).toBe('boolean');
        }
        expect(['none', 'per-credential', 'keystone-projects']).toContain(descriptor.capabilities.multiTenancy);
        expect(['pull', 'push']).toContain(descriptor.capabilities.healthReporting);
      });

      it('has a power facet exactly when its capabilities say stopStart', () => {
        const raw = subject().adapter.connect(subject().parameters);
        const { stopStart } = subject().adapter.descriptor.capabilities;
        expect(raw.power !== undefined, `capabilities.stopStart is ${stopStart}`).toBe(stopStart);
        if (raw.power) {
          expect(typeof raw.power.stop).toBe('function');
          expect(typeof raw.power.start).toBe('function');
        }
      });

      it('tells the operation under way on its one backend resource when its capabilities say declarative', (context) => {
        if (!subject().adapter.descriptor.capabilities.declarative) return context.skip();
        const raw = subject().adapter.connect(subject().parameters);
        expect(typeof raw.operationInProgress, 'operationInProgress of a declarative connection').toBe('function');
      });

      it('has a commands facet exactly when its capabilities say nodeCommands', () => {
        const raw = subject().adapter.connect(subject().parameters);
        const nodeCommands = subject().adapter.descriptor.capabilities.nodeCommands === true;
        expect(typeof raw.commands?.run === 'function', `capabilities.nodeCommands is ${nodeCommands}`).toBe(nodeCommands);
      });
    });

    it('verify() reports ok with a message for working parameters', async () => {
      const result = await connection().verify();
      expect(result.ok, result.message).toBe(true);
      expect(typeof result.message).toBe('string');
      expect(result.message.length).toBeGreaterThan(0);
    }, timeout);

    it('describes a cluster that was never made as empty, and tears it down without complaint', async () => {
      const cluster = newCluster();
      expect(await connection().describe(cluster)).toEqual([]);
      await timed('teardown', settings, () => connection().teardown(cluster));
      expect(await connection().describe(cluster)).toEqual([]);
      expect(await connection().prerequisites(cluster)).toEqual([]);
    }, timeout);

    it.skipIf(settings.skip.unknownInstanceType)('refuses an unknown instance type in pre-flight and at launch, without retry', async () => {
      const cluster = newCluster();
      const badGroup = cluster.hostGroups.length - 1;
      cluster.hostGroups[badGroup].instanceType = 'no-such-instance-type';
      const problems = await connection().prerequisites(cluster);
      expect(problems.map((problem) => problem.field)).toContain(`hostGroups[${badGroup}].instanceType`);
      const error = await expectRejection(launch(cluster, allNodeSpecs(cluster)), ProviderError, 'apply with an unknown instance type');
      expect(error.retryable).toBe(false);
      await removeAll(cluster);
    }, timeout);

    describe('lifecycle of one cluster', () => {
      let cluster: ClusterSpec;
      let launched: ObservedNode[] = [];
      const hooks = recordingHooks();
      const last = () => cluster.hostGroups[cluster.hostGroups.length - 1];

      beforeAll(() => {
        cluster = newCluster();
      });

      it('launches every node from one plan in one call, and reports resource ids as they are made', async () => {
        const wanted = allNodeSpecs(cluster);
        expect(await connection().prerequisites(cluster)).toEqual([]);
        launched = await converge(cluster, wanted, wanted.length, hooks);
        expect(hooks.resources.length).toBeGreaterThan(0);
        for (const resource of hooks.resources) expect(resource.providerId, `resource ${resource.type}`).toMatch(/\S/);
        if (!subject().adapter.descriptor.capabilities.declarative) {
          const reported = new Set(hooks.resources.map((resource) => resource.node));
          for (const node of wanted) expect(reported.has(node.name), `resourceCreated for ${node.name}`).toBe(true);
        } else {
          // every node RUNNING: the backend's own operation has ended, so herd may apply again
          expect(await connection().operationInProgress?.(cluster), 'operationInProgress once every node runs').toBeUndefined();
        }
      }, timeout);

      it('describes exactly what was launched: names, host groups, indexes, unique provider ids, components', async () => {
        const observed = (await connection().describe(cluster)).sort(byName);
        const wanted = allNodeSpecs(cluster).sort(byName);
        expect(observed.map(({ name, hostGroup, index }) => ({ name, hostGroup, index }))).toEqual(wanted);
        expect(new Set(observed.map((node) => node.providerId)).size).toBe(observed.length);
        const pull = subject().adapter.descriptor.capabilities.healthReporting === 'pull';
        for (const node of observed) {
          expect(node.providerId).toMatch(/\S/);
          expect(NODE_STATUSES).toContain(node.status);
          expect(typeof node.addresses).toBe('object');
          const group = cluster.hostGroups.find((candidate) => candidate.name === node.hostGroup);
          expect(node.components.map((component) => component.name).sort()).toEqual(group?.components.map((component) => component.name).sort());
          for (const component of node.components) {
            expect(COMPONENT_STATUSES).toContain(component.status);
            if (pull && node.status === 'RUNNING') expect(new URL(component.endpoint ?? 'missing:').protocol, `${node.name} ${component.name} endpoint`).toMatch(/^https?:$/);
          }
        }
      }, timeout);

      it('shows none of these nodes to another cluster', async () => {
        expect(await connection().describe(conformanceCluster(settings, state.instanceType as string))).toEqual([]);
      }, timeout);

      it('treats re-applying the same plan as a no-op: no duplicates, same provider ids', async () => {
        const again = await converge(cluster, allNodeSpecs(cluster), launched.length);
        const ids = (nodes: ObservedNode[]) => nodes.map((node) => `${node.name}=${node.providerId}`).sort();
        expect(ids(again)).toEqual(ids(launched));
      }, timeout);

      it('scales the last host group up by one node and back down; terminating a gone node again is harmless', async (context) => {
        if (!subject().adapter.descriptor.capabilities.scale) return context.skip();
        const group = last();
        const extra = nodeSpecs(cluster, group.name, group.nodeCount, group.nodeCount + 1);
        const grown = await converge(cluster, extra, launched.length + 1);
        const added = grown.find((node) => node.name === extra[0].name);
        expect(added, `${extra[0].name} after scale-up`).toMatchObject({ hostGroup: group.name, index: group.nodeCount });
        expect(launched.map((node) => node.providerId)).not.toContain(added?.providerId);

        const without = (nodes: ObservedNode[]) => nodes.length === launched.length && !nodes.some((node) => node.name === extra[0].name);
        const shrunk = await applyUntil(connection(), cluster, { launch: [], terminate: [added as ObservedNode] }, recordingHooks(), `${launched.length} nodes without ${extra[0].name}`, without, settings);
        expect(shrunk.map((node) => node.providerId).sort()).toEqual(launched.map((node) => node.providerId).sort());
        await timed('apply', settings, () => connection().apply(cluster, { launch: [], terminate: [added as ObservedNode] }, recordingHooks()));
        expect(await connection().describe(cluster)).toHaveLength(launched.length);
      }, timeout);

      it('refuses to grow a running cluster with UnsupportedOperationError when it cannot scale', async (context) => {
        if (subject().adapter.descriptor.capabilities.scale) return context.skip();
        const group = last();
        await expectRejection(launch(cluster, nodeSpecs(cluster, group.name, group.nodeCount, group.nodeCount + 1)), UnsupportedOperationError, 'apply growing a cluster');
      }, timeout);

      it('stops and starts a node, keeping its identity and leaving the others running', async (context) => {
        const power = connection().power;
        if (!power) return context.skip();
        const target = launched.find((node) => node.hostGroup === last().name) as ObservedNode;
        await power.stop(cluster, [target]);
        await power.stop(cluster, [target]);
        const stopped = await waitFor(cluster, `${target.name} STOPPED`, (nodes) => nodes.find((node) => node.name === target.name)?.status === 'STOPPED');
        expect(stopped.filter((node) => node.name !== target.name).every((node) => node.status === 'RUNNING')).toBe(true);
        await power.start(cluster, [target]);
        const started = await waitFor(cluster, `${launched.length} RUNNING nodes after start`, allRunning(launched.length));
        expect(started.find((node) => node.name === target.name)?.providerId).toBe(target.providerId);
      }, timeout);

      it('starts tearing down everything carrying the tag and returns; a teardown while one is under way, or after, is harmless', async () => {
        await askTeardown(connection(), cluster, settings);
        await timed('teardown while one is under way', settings, () => connection().teardown(cluster));
        await untilGone(connection(), cluster, settings);
        await timed('teardown of a cluster that is gone', settings, () => connection().teardown(cluster));
        expect(await connection().describe(cluster)).toEqual([]);
      }, timeout);
    });

    it.skipIf(settings.skip.concurrentApply)('makes each node once when two connections apply the same plan at the same time', async () => {
      const group = settings.hostGroups[settings.hostGroups.length - 1];
      const cluster = newCluster([{ ...group, nodeCount: 2 }]);
      const wanted = allNodeSpecs(cluster);
      const second = connect(subject().parameters);
      try {
        await Promise.all([launch(cluster, wanted), launch(cluster, wanted, recordingHooks(), second)]);
        const nodes = await converge(cluster, wanted, wanted.length);
        expect(nodes.map((node) => node.name).sort()).toEqual(wanted.map((node) => node.name).sort());
      } finally {
        await second.close?.();
        await askTeardown(connection(), cluster, settings);
      }
      await untilGone(connection(), cluster, settings);
    }, timeout);

    it.skipIf(!settings.authFailure)('refuses a bad credential: verify says so, calls throw AuthFailedError', async () => {
      const refused = connect(settings.authFailure as ParametersVariant);
      const cluster = newCluster();
      try {
        const verdict = await refused.verify().catch((error: unknown) => {
          if (error instanceof AuthFailedError) return { ok: false, message: error.message };
          throw error;
        });
        expect(verdict.ok).toBe(false);
        expect(verdict.message.length).toBeGreaterThan(0);
        await expectRejection(refused.describe(cluster), AuthFailedError, 'describe with a refused credential');
        await expectRejection(launch(cluster, allNodeSpecs(cluster), recordingHooks(), refused), AuthFailedError, 'apply with a refused credential');
      } finally {
        await refused.close?.();
      }
      expect(await connection().describe(cluster)).toEqual([]);
    }, timeout);

    for (const fault of settings.faults) {
      it(`classifies ${fault.name} as ${fault.expect.name}`, async () => {
        const faulty = connect(fault.parameters ?? subject().parameters);
        const cluster = newCluster(fault.hostGroups);
        const wanted = allNodeSpecs(cluster);
        try {
          // a backend may refuse only at a later step of the launch, once its own operation is done
          const call =
            fault.during === 'describe'
              ? faulty.describe(cluster)
              : applyUntil(faulty, cluster, { launch: wanted, terminate: [] }, recordingHooks(), `${wanted.length} RUNNING nodes`, allRunning(wanted.length), settings);
          await expectRejection(call, fault.expect, `${fault.during ?? 'launch'} (${fault.name})`);
        } finally {
          await faulty.close?.();
          await askTeardown(connection(), cluster, settings);
        }
        await untilGone(connection(), cluster, settings);
      }, timeout);
    }
  });
}
