import { createSession } from '@cicu/web/session';
import { $api, api, auth, type Officer } from '../api/client';

const { SessionProvider, useSession: useSharedSession } = createSession<Officer>({
  auth,
  useCurrentUser: (enabled) => $api.useQuery('get', '/v1/auth/me', {}, { enabled, retry: false }),
  revoke: () => api.POST('/v1/auth/logout'),
});

export { SessionProvider };

/** The logged-in officer and their roles. */
export function useSession() {
  const session = useSharedSession();
  return { ...session, officer: session.user, hasRole: (role: 'officer' | 'supervisor') => session.user?.roles.includes(role) ?? false };
}

/** POST /v1/auth/login: the tokens, or the node's refusal. */
export async function logIn(username: string, password: string) {
  const { data, error } = await api.POST('/v1/auth/login', { body: { username, password } });
  return data !== undefined ? { tokens: { accessToken: data.accessToken } } : { error: error as unknown };
}
