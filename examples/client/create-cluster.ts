import { createHerdClient, ok, waitForOperation } from '../../clients/typescript/src';

/** Requests a Hadoop cluster, follows its creation, and answers its NameNode and ResourceManager web UIs. */
export async function createCluster(baseUrl: string, apiKey: string, credential: string, name: string): Promise<string[]> {
  const herd = createHerdClient({ baseUrl, apiKey });
  const accepted = await ok(
    herd.POST('/v1/clusters', {
      body: { name, credential, blueprint: 'hadoop-single-master', hostGroups: [{ name: 'master', nodeCount: 1 }, { name: 'worker', nodeCount: 3 }] },
    }),
  );
  const operation = await waitForOperation(herd, accepted.operationId, { onProgress: (step) => console.log(`${step.percent}% ${step.step ?? ''}`) });
  if (operation.status !== 'succeeded') throw new Error(`${name} was not created: ${operation.error}`);
  const cluster = await ok(herd.GET('/v1/clusters/{idOrName}', { params: { path: { idOrName: accepted.cluster.id } } }));
  return cluster.hostGroups.flatMap((group) => group.nodes.flatMap((node) => node.components))
    .filter((component) => component.name === 'NAMENODE' || component.name === 'RESOURCEMANAGER')
    .map((component) => `${component.name} ${component.endpoint}`);
}

if (process.argv[1]?.endsWith('create-cluster.js')) {
  const [credential = 'my-credential', name = 'analytics'] = process.argv.slice(2);
  createCluster(process.env.HERD_URL ?? 'http://127.0.0.1:8080', process.env.HERD_API_KEY ?? '', credential, name).then(
    (endpoints) => console.log(endpoints.join('\n')),
    (error: unknown) => { console.error(String(error)); process.exitCode = 1; },
  );
}
