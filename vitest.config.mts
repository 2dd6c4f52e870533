import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/** Specs that drive the loopback OpenStack: they run after the rest, one file at a time, so they do not starve each other. */
const OPENSTACK_SPECS = ['test/contract/openstack.*.spec.ts', 'test/e2e/openstack-*.e2e.spec.ts', 'test/integration/provider-session-openstack.spec.ts'];
/** Specs that run real Hadoop JVMs: last, one file at a time, on a machine the other files no longer load. */
const HADOOP_SPECS = ['test/**/hadoop-real*.spec.ts'];

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    globals: false,
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'herd',
          include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'examples/**/*.spec.ts'],
          exclude: [...OPENSTACK_SPECS, ...HADOOP_SPECS],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'openstack',
          include: OPENSTACK_SPECS,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'hadoop',
          include: HADOOP_SPECS,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
