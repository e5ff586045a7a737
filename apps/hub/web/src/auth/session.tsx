import { createSession } from '@cicu/web/session';
import { $api, type Admin, api, auth, credentials } from '../api/client';

const { SessionProvider, useSession: useSharedSession } = createSession<Admin>({
  auth,
  useCurrentUser: (enabled) => $api.useQuery('get', '/v1/admin/auth/me', {}, { enabled, retry: false }),
  revoke: () => api.POST('/v1/admin/auth/logout'),
});

export { SessionProvider };

/** The logged-in coordinator or auditor; auditors read, only coordinators act. */
export function useSession() {
  const session = useSharedSession();
  return { ...session, admin: session.user, isCoordinator: session.user?.role === 'coordinator' };
}

/** POST /v1/admin/auth/login: the tokens, or the hub's refusal. */
export async function logIn(username: string, password: string) {
  const { data, error } = await credentials.POST('/v1/admin/auth/login', { body: { username, password } });
  return data !== undefined ? { tokens: data } : { error: error as unknown };
}
