import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { $api, api, type Officer, tokenStore, whenUnauthenticated } from '../api/client';

interface Session {
  officer: Officer | undefined;
  loading: boolean;
  hasRole: (role: 'officer' | 'supervisor') => boolean;
  loggedIn: (token: string) => void;
  logOut: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** The logged-in officer (GET /v1/auth/me), re-read whenever the token changes. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const [token, setToken] = useState(tokenStore.get());
  useEffect(() => {
    whenUnauthenticated(() => {
      setToken(null);
      queries.clear();
    });
  }, [queries]);
  const me = $api.useQuery('get', '/v1/auth/me', {}, { enabled: token !== null, retry: false });
  const loggedIn = useCallback((accessToken: string) => {
    tokenStore.set(accessToken);
    queries.clear();
    setToken(accessToken);
  }, [queries]);
  const logOut = useCallback(async () => {
    await api.POST('/v1/auth/logout');
    tokenStore.clear();
    queries.clear();
    setToken(null);
  }, [queries]);
  const officer = token === null ? undefined : me.data;
  const value = useMemo<Session>(
    () => ({ officer, loading: token !== null && me.isPending, hasRole: (role) => officer?.roles.includes(role) ?? false, loggedIn, logOut }),
    [officer, token, me.isPending, loggedIn, logOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside SessionProvider');
  return session;
}
