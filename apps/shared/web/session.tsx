import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type BearerAuth, type Tokens, tokenStore } from './api';

export interface Session<User> {
  user: User | undefined;
  loading: boolean;
  loggedIn: (tokens: Tokens) => void;
  logOut: () => Promise<void>;
}

export interface SessionSource<User> {
  auth: BearerAuth;
  /** The account of the current token (GET …/auth/me), fetched only while `enabled`. */
  useCurrentUser: (enabled: boolean) => { data: User | undefined; isPending: boolean };
  /** Revokes the session at the server. */
  revoke: () => Promise<unknown>;
}

/** The app's session context: who is logged in, re-read whenever the token changes. */
export function createSession<User>({ auth, useCurrentUser, revoke }: SessionSource<User>) {
  const SessionContext = createContext<Session<User> | undefined>(undefined);

  function SessionProvider({ children }: { children: ReactNode }) {
    const queries = useQueryClient();
    const [token, setToken] = useState(tokenStore.get()?.accessToken ?? null);
    useEffect(() => {
      auth.whenUnauthenticated(() => {
        setToken(null);
        queries.clear();
      });
    }, [queries]);
    const me = useCurrentUser(token !== null);
    const loggedIn = useCallback(
      (tokens: Tokens) => {
        tokenStore.set(tokens);
        queries.clear();
        setToken(tokens.accessToken);
      },
      [queries],
    );
    const logOut = useCallback(async () => {
      await revoke();
      tokenStore.clear();
      queries.clear();
      setToken(null);
    }, [queries]);
    const user = token === null ? undefined : me.data;
    const value = useMemo<Session<User>>(() => ({ user, loading: token !== null && me.isPending, loggedIn, logOut }), [user, token, me.isPending, loggedIn, logOut]);
    return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
  }

  function useSession(): Session<User> {
    const session = useContext(SessionContext);
    if (session === undefined) throw new Error('useSession outside SessionProvider');
    return session;
  }

  return { SessionProvider, useSession };
}
