import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const KUBERNETES = join(ROOT, 'deploy', 'kubernetes');
/** The ops port of a worker: HERD_WORKER_HTTP_PORT's default, which the manifests rely on. */
const WORKER_OPS_PORT = 8081;
const API_PORT = 8080;

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string> };
type Container = { name: string; image: string; command?: string[]; env?: { name: string; value?: string }[]; envFrom?: { secretRef?: { name: string }; configMapRef?: { name: string } }[]; ports?: { name: string; containerPort: number }[]; livenessProbe?: any; readinessProbe?: any };

const manifests: Manifest[] = readdirSync(KUBERNETES)
  .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
  .flatMap((file) => parseAllDocuments(readFileSync(join(KUBERNETES, file), 'utf8')).map((doc) => doc.toJS() as Manifest));
const kustomization = parse(readFileSync(join(KUBERNETES, 'kustomization.yaml'), 'utf8')) as { resources: string[]; images: { name: string }[] };
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, { image?: string; build?: string; command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }> }> };
const composeText = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** Every quoted upper-case name, or `env.NAME`, in herd's config reader: the variables herd reads. */
const configReader = readdirSync(join(ROOT, 'src', 'config'))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
  .map((file) => readFileSync(join(ROOT, 'src', 'config', file), 'utf8'))
  .join('\n');
const knownVariables = new Set([...configReader.matchAll(/(?:'|env\.)([A-Z][A-Z0-9_]+)\b/g)].map((match) => match[1]!));
knownVariables.add('NODE_ENV');

const openapiPaths = Object.keys((JSON.parse(readFileSync(join(ROOT, 'clients', 'typescript', 'openapi.json'), 'utf8')) as { paths: Record<string, unknown> }).paths);

function named(kind: string, name: string): Manifest {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/kubernetes`);
  return found;
}
const podSpecOf = (manifest: Manifest) => manifest.spec.template.spec;
const containersOf = (manifest: Manifest): Container[] => podSpecOf(manifest).containers;
const configMap = () => named('ConfigMap', 'herd');

/** What a container sees: its ConfigMap and its own env (which wins). */
function environmentOf(container: Container): Record<string, string | undefined> {
  const fromConfigMap = container.envFrom?.some((source) => source.configMapRef?.name === 'herd') ? configMap().data : {};
  return { ...fromConfigMap, ...Object.fromEntries((container.env ?? []).map((entry) => [entry.name, entry.value])) };
}

function scriptOfCommand(command: string[]): string {
  expect(command[0]).toBe('node');
  const built = command[1]!;
  expect(built).toMatch(/^dist\/src\/.+\.js$/);
  return built.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

describe('deploy/kubernetes', () => {
  const api = named('Deployment', 'herd-api');
  const worker = named('Deployment', 'herd-worker');
  const migrate = named('Job', 'herd-migrate');
  const workloads = [api, worker, migrate];

  it('sets no namespace, and kustomization lists every manifest but the example Secret', () => {
    for (const manifest of manifests) expect(manifest.metadata.namespace, `${manifest.kind} ${manifest.metadata.name}`).toBeUndefined();
    const files = readdirSync(KUBERNETES).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml' && !file.includes('example'));
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('names only variables herd reads, and takes the master key and database URL from the Secret', () => {
    const secret = named('Secret', 'herd');
    const names = [...Object.keys(configMap().data ?? {}), ...Object.keys(secret.stringData ?? {}), ...workloads.flatMap((workload) => containersOf(workload).flatMap((container) => (container.env ?? []).map((entry) => entry.name)))];
    for (const name of names) expect(knownVariables, `${name} is not read in src/config`).toContain(name);
    expect(Object.keys(secret.stringData ?? {})).toEqual(expect.arrayContaining(['HERD_MASTER_KEY', 'DATABASE_URL']));
    expect(Object.keys(configMap().data ?? {})).not.toContain('HERD_MASTER_KEY');
    for (const container of workloads.flatMap(containersOf)) expect(container.envFrom).toContainEqual({ secretRef: { name: 'herd' } });
  });

  it('runs one image everywhere, the one kustomization retags', () => {
    const images = new Set(workloads.flatMap(containersOf).map((container) => container.image.split(':')[0]));
    expect([...images]).toEqual([kustomization.images[0]!.name]);
  });

  it('migrates in a Job whose command is herd migrate, and boots the Deployments with HERD_MIGRATIONS=check', () => {
    const [job] = containersOf(migrate);
    expect(existsSync(join(ROOT, scriptOfCommand(job!.command!)))).toBe(true);
    expect(job!.command).toEqual(['node', 'dist/src/cli/migrate.js']);
    expect(podSpecOf(migrate).restartPolicy).toBe('Never');
    for (const deployment of [api, worker]) expect(environmentOf(containersOf(deployment)[0]!).HERD_MIGRATIONS).toBe('check');
  });

  it.each([
    ['herd-api', 'api', API_PORT],
    ['herd-worker', 'worker', WORKER_OPS_PORT],
  ])('%s: role %s, probes on herd routes of its port %i, scrape annotations on that port, 60 s to shut down', (name, role, port) => {
    const deployment = named('Deployment', name);
    const [container] = containersOf(deployment);
    const environment = environmentOf(container!);
    expect(environment.HERD_ROLE).toBe(role);
    if (role === 'api') expect(Number(environment.PORT ?? API_PORT)).toBe(port);
    const portName = container!.ports!.find((entry) => entry.containerPort === port)?.name;
    expect(portName).toBeDefined();
    expect(container!.livenessProbe.httpGet).toEqual({ path: '/health', port: portName });
    expect(container!.readinessProbe.httpGet).toEqual({ path: '/ready', port: portName });
    for (const path of ['/health', '/ready', '/metrics']) expect(openapiPaths).toContain(path);
    const annotations = deployment.spec.template.metadata.annotations as Record<string, string>;
    expect(annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(port), 'prometheus.io/path': '/metrics' });
    expect(podSpecOf(deployment).terminationGracePeriodSeconds).toBe(60);
    expect(podSpecOf(deployment).securityContext).toMatchObject({ runAsNonRoot: true });
    expect(deployment.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels);
  });

  it("routes the API Service to the API's pods and port, and calls nodes back through it", () => {
    const service = named('Service', 'herd-api');
    expect(service.spec.selector).toEqual(api.spec.template.metadata.labels);
    const [container] = containersOf(api);
    expect(container!.ports!.map((entry) => entry.name)).toContain(service.spec.ports[0].targetPort);
    const callback = new URL(configMap().data!.HERD_CALLBACK_URL!);
    expect(callback.hostname).toBe(service.metadata.name);
    expect(Number(callback.port)).toBe(service.spec.ports[0].port);
  });
});

describe('docker-compose.yml', () => {
  const environment = (service: string) => compose.services[service]!.environment ?? {};

  it('has no default master key or admin key, so production mode refuses to start without one', () => {
    expect(environment('api').HERD_MASTER_KEY).toMatch(/^\$\{HERD_MASTER_KEY:\?.+\}$/);
    expect(composeText).not.toContain('ZGV2LW9ubHktbWFzdGVyLWtleS0zMi1ieXRlcy0hISE=');
    expect(environment('api').HERD_BOOTSTRAP_ADMIN_KEY).toBe('${HERD_BOOTSTRAP_ADMIN_KEY:-}');
    expect(dockerfile).toMatch(/ENV NODE_ENV=production/);
  });

  it('migrates once in its own service before the API and the worker, which boot with HERD_MIGRATIONS=check', () => {
    const migrateCommand = compose.services.migrate!.command!;
    expect(existsSync(join(ROOT, scriptOfCommand(migrateCommand)))).toBe(true);
    for (const service of ['api', 'worker']) {
      expect(compose.services[service]!.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
      expect(environment(service).HERD_MIGRATIONS).toBe('check');
      expect(compose.services[service]!.image).toBe(compose.services.migrate!.image);
    }
    expect(environment('api').HERD_ROLE).toBe('api');
    expect(environment('worker').HERD_ROLE).toBe('worker');
  });

  it("calls nodes back at the API service's name and names only variables herd reads", () => {
    expect(new URL(environment('api').HERD_CALLBACK_URL!.replace(/^\$\{HERD_CALLBACK_URL:-(.+)\}$/, '$1')).host).toBe('api:8080');
    for (const service of ['migrate', 'api', 'worker']) {
      for (const name of Object.keys(environment(service))) expect(knownVariables, `${name} is not read in src/config`).toContain(name);
    }
  });
});

describe('Dockerfile', () => {
  it('runs as a numeric non-root user, checks /health, and starts a file that is built from src', () => {
    expect(dockerfile).toMatch(/^USER [1-9]\d*:[1-9]\d*$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const command = JSON.parse(/^CMD (\[.+\])$/m.exec(dockerfile)![1]!) as string[];
    expect(existsSync(join(ROOT, scriptOfCommand(command)))).toBe(true);
    expect(Number(/^EXPOSE (\d+)/m.exec(dockerfile)![1])).toBe(API_PORT);
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored[ignored.findIndex((line) => !line.startsWith('#'))]).toBe('*');
    for (const copied of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const source of copied[1]!.split(' ')) expect(ignored, `${source} is copied but not let through .dockerignore`).toContain(`!${source.replace(/\/?$/, source.includes('.') ? '' : '/')}`);
    }
  });
});
