// React side of the session: the signed-in actor and the trusts list (names for ids), for every screen.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Actor, Trust } from '../api/models';
import { checkSession, getSession, onSessionChange, type SessionState } from './session';
import { useGet } from '../api/query';

export function useSession(): SessionState {
  const [session, setSession] = useState(getSession);
  useEffect(() => {
    const stop = onSessionChange(setSession);
    if (getSession() === 'checking') void checkSession();
    return stop;
  }, []);
  return session;
}

interface AppContextValue {
  actor: Actor;
  trusts: Trust[];
  trustsLoaded: boolean;
  trustName: (id: string | null | undefined) => string;
  trustCode: (id: string | null | undefined) => string;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider({ actor, children }: { actor: Actor; children: ReactNode }) {
  const trusts = useGet('/api/trusts', {});
  const value = useMemo<AppContextValue>(() => {
    const list = trusts.data ?? [];
    const byId = new Map(list.map((t) => [t.id, t]));
    return {
      actor,
      trusts: [...list].sort((a, b) => a.code.localeCompare(b.code)),
      trustsLoaded: trusts.data !== undefined,
      trustName: (id) => (id ? (byId.get(id)?.name ?? 'Unknown trust') : 'Programme'),
      trustCode: (id) => (id ? (byId.get(id)?.code ?? '—') : '—'),
    };
  }, [actor, trusts.data]);
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppProvider');
  return value;
}
