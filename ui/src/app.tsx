import { useEffect, useMemo, useState } from 'react';
import { herdFor, HerdApiError, ok, type Schemas } from './herd';
import { BlueprintPage, Blueprints } from './pages/blueprints';
import { ClusterPage } from './pages/cluster-page';
import { ClustersList } from './pages/clusters-list';
import { CreateCluster } from './pages/create-cluster';
import { Credentials } from './pages/credentials';
import { SignIn } from './pages/sign-in';
import { Link, usePath } from './router';
import { type Session, SessionContext, storedKey } from './session';

type SignedIn = { key: string; me: Schemas['MeView'] };

/** Signs in (a key kept from earlier in this tab is checked again), then shows the page of the route. */
export function App() {
  const [signedIn, setSignedIn] = useState<SignedIn>();
  const [checking, setChecking] = useState(() => storedKey.read() !== null);
  const [lost, setLost] = useState<unknown>();

  useEffect(() => {
    const key = storedKey.read();
    if (!key) return;
    ok(herdFor(key).GET('/v1/me')).then(
      (me) => setSignedIn({ key, me }),
      (error: unknown) => {
        if (error instanceof HerdApiError && error.status === 401) storedKey.clear();
        setLost(error);
      },
    ).finally(() => setChecking(false));
  }, []);

  const session = useMemo<Session | undefined>(
    () =>
      signedIn && {
        herd: herdFor(signedIn.key, () => {
          storedKey.clear();
          setSignedIn(undefined);
          setLost(new Error('herd no longer accepts this API key (revoked or expired): sign in again.'));
        }),
        me: signedIn.me,
        signOut: () => {
          storedKey.clear();
          setSignedIn(undefined);
          setLost(undefined);
        },
      },
    [signedIn],
  );

  if (checking) return <p role="status">Signing in…</p>;
  if (!session) {
    return (
      <SignIn
        initialError={lost}
        onSignedIn={(key, me) => {
          storedKey.write(key);
          setLost(undefined);
          setSignedIn({ key, me });
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Layout session={session} />
    </SessionContext.Provider>
  );
}

function Layout({ session }: { session: Session }) {
  const path = usePath();
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          herd
        </Link>
        <nav aria-label="main">
          <Link to="/">Clusters</Link>
          <Link to="/clusters/new">New cluster</Link>
          <Link to="/blueprints">Blueprints</Link>
          <Link to="/credentials">Credentials</Link>
        </nav>
        <span className="who" aria-label="signed in as">
          tenant <strong>{session.me.tenant.name}</strong> · role <strong>{session.me.role}</strong>
        </span>
        <button type="button" onClick={session.signOut}>
          Sign out
        </button>
      </header>
      <main id="main">
        <Page path={path} />
      </main>
    </>
  );
}

function Page({ path }: { path: string }) {
  if (path === '/' || path === '/clusters') return <ClustersList />;
  if (path === '/clusters/new') return <CreateCluster />;
  if (path === '/blueprints') return <Blueprints />;
  if (path === '/credentials') return <Credentials />;
  const [, section, id] = path.split('/');
  if (section === 'clusters' && id) return <ClusterPage key={id} clusterId={decodeURIComponent(id)} />;
  if (section === 'blueprints' && id) return <BlueprintPage blueprintId={decodeURIComponent(id)} />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        No page at <code>{path}</code>. <Link to="/">Go to the clusters.</Link>
      </p>
    </section>
  );
}
