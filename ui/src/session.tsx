import { createContext, useContext } from 'react';
import type { HerdClient, Schemas } from './herd';

/** The key lives for this tab only, and goes on sign-out. */
const STORAGE_KEY = 'herd.apiKey';

export const storedKey = {
  read: (): string | null => window.sessionStorage.getItem(STORAGE_KEY),
  write: (key: string): void => window.sessionStorage.setItem(STORAGE_KEY, key),
  clear: (): void => window.sessionStorage.removeItem(STORAGE_KEY),
};

export interface Session {
  herd: HerdClient;
  me: Schemas['MeView'];
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}
