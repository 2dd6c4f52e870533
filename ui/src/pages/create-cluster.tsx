import { type FormEvent, type ReactNode, useState } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { fieldProblemsOf, type FieldProblem, ok, type Schemas } from '../herd';
import { navigate } from '../router';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import { ProviderCapabilities } from './provider-capabilities';

type Blueprint = Schemas['BlueprintSummary'];

/** A size to start from: the least the host group's cardinality allows, and at least one. */
function defaultSize(cardinality: string | null | undefined): number {
  const least = Number.parseInt(cardinality ?? '1', 10);
  return Number.isFinite(least) && least > 0 ? least : 1;
}

/** Picks a blueprint, a credential and the host group sizes; a dry run (`/v1/clusters/validate`) checks it before it is requested. */
export function CreateCluster() {
  const { herd } = useSession();
  const blueprints = useResource('blueprints', () => ok(herd.GET('/v1/blueprints', { params: { query: { limit: 100 } } })));
  const credentials = useResource('credentials', () => ok(herd.GET('/v1/credentials', { params: { query: { limit: 100 } } })));
  const providers = useResource('providers', () => ok(herd.GET('/v1/providers', { params: { query: { limit: 100 } } })));
  const [name, setName] = useState('');
  const [blueprintId, setBlueprintId] = useState('');
  const [credentialId, setCredentialId] = useState('');
  const [sizes, setSizes] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<unknown>();
  const [checked, setChecked] = useState<Schemas['ClusterValidationView']>();
  const [busy, setBusy] = useState(false);

  const blueprint: Blueprint | undefined = blueprints.data?.items.find((item) => item.id === blueprintId);
  const credential = credentials.data?.items.find((item) => item.id === credentialId);
  const provider = credential && providers.data?.items.find((item) => item.kind === credential.provider && item.variant === credential.variant);

  const body = (): Schemas['CreateClusterDto'] => ({
    name: name.trim(),
    blueprint: blueprintId,
    credential: credentialId,
    hostGroups: (blueprint?.hostGroups ?? []).map((group) => ({ name: group.name, nodeCount: Number(sizes[group.name] ?? defaultSize(group.cardinality)) })),
  });
  const problemOf = (field: string) => problems.find((problem) => problem.field === field);
  const shownFields = new Set(['name', 'blueprint', 'credential', ...(blueprint?.hostGroups ?? []).flatMap((group, index) => groupFields(group.name, index))]);
  const groupProblem = (name: string, index: number) => problems.find((problem) => groupFields(name, index).includes(problem.field));

  /** Answers whether the dry run passed; shows its problems otherwise. */
  const validate = async (): Promise<boolean> => {
    setProblems([]);
    setError(undefined);
    setChecked(undefined);
    try {
      setChecked(await ok(herd.POST('/v1/clusters/validate', { body: body() })));
      return true;
    } catch (failure) {
      setProblems(fieldProblemsOf(failure));
      setError(failure);
      return false;
    }
  };
  const during = (work: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  const check = during(async () => void (await validate()));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void during(async () => {
      if (!(await validate())) return;
      try {
        const accepted = await ok(herd.POST('/v1/clusters', { body: body() }));
        navigate(`/clusters/${accepted.cluster.id}`);
      } catch (failure) {
        setProblems(fieldProblemsOf(failure));
        setError(failure);
      }
    })();
  };

  return (
    <section aria-labelledby="create-title">
      <h1 id="create-title">New cluster</h1>
      <ErrorNotice error={blueprints.error ?? credentials.error ?? providers.error} />
      <form onSubmit={submit} noValidate className="form">
        <Field id="cluster-name" label="Name" problem={problemOf('name')}>
          <input id="cluster-name" required pattern="[a-z0-9-]+" value={name} onChange={(event) => setName(event.target.value)} {...invalid('cluster-name', problemOf('name'))} />
        </Field>
        <Field id="cluster-blueprint" label="Blueprint" problem={problemOf('blueprint')}>
          <select id="cluster-blueprint" required value={blueprintId} onChange={(event) => setBlueprintId(event.target.value)} {...invalid('cluster-blueprint', problemOf('blueprint'))}>
            <option value="">Choose a blueprint</option>
            {blueprints.data?.items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="cluster-credential" label="Credential" problem={problemOf('credential')}>
          <select id="cluster-credential" required value={credentialId} onChange={(event) => setCredentialId(event.target.value)} {...invalid('cluster-credential', problemOf('credential'))}>
            <option value="">Choose a credential</option>
            {credentials.data?.items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name} ({item.provider}/{item.variant})
              </option>
            ))}
          </select>
        </Field>
        {provider && <ProviderCapabilities provider={provider} />}
        {blueprint && (
          <fieldset>
            <legend>Nodes per host group</legend>
            {blueprint.hostGroups.map((group, index) => {
              const id = `size-${group.name}`;
              const problem = groupProblem(group.name, index);
              return (
                <Field key={group.name} id={id} label={`${group.name} (cardinality ${group.cardinality ?? 'any'})`} problem={problem}>
                  <input
                    id={id}
                    type="number"
                    min={0}
                    value={sizes[group.name] ?? String(defaultSize(group.cardinality))}
                    onChange={(event) => setSizes({ ...sizes, [group.name]: event.target.value })}
                    {...invalid(id, problem)}
                  />
                </Field>
              );
            })}
          </fieldset>
        )}
        <OtherProblems problems={problems.filter((problem) => !shownFields.has(problem.field))} />
        {problems.length === 0 && <ErrorNotice error={error} />}
        {checked && (
          <p role="status" className="ok">
            Dry run passed: {checked.nodes} nodes on {checked.provider} ({checked.checks.join(', ')}).
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={check} disabled={busy}>
            Check (dry run)
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Create cluster
          </button>
        </div>
      </form>
    </section>
  );
}

/** The fields a problem with one host group's size may name: by the group's name (the blueprint's checks) or by its place in the request. */
function groupFields(name: string, index: number): string[] {
  const byName = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? `hostGroups.${name}` : `hostGroups[${JSON.stringify(name)}]`;
  return [byName, `hostGroups[${index}]`, `hostGroups[${index}].nodeCount`];
}

function invalid(id: string, problem: FieldProblem | undefined) {
  return problem ? { 'aria-invalid': true, 'aria-describedby': `${id}-problem` } : {};
}

function Field({ id, label, problem, children }: { id: string; label: string; problem?: FieldProblem; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {problem && (
        <p id={`${id}-problem`} className="field-problem">
          {problem.reason}
        </p>
      )}
    </div>
  );
}

function OtherProblems({ problems }: { problems: FieldProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="error" role="alert" aria-label="problems">
      {problems.map((problem) => (
        <li key={`${problem.field}:${problem.reason}`}>
          <code>{problem.field}</code>: {problem.reason}
        </li>
      ))}
    </ul>
  );
}
