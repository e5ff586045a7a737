import { type ComponentType, lazy, type ReactNode } from 'react';

export type Role = 'officer' | 'supervisor';

/**
 * The screens of the app. Each feature declares its routes and, if it has one, its entry in
 * the navigation with the roles that see it; the layout and the router read this list only.
 */
export interface Screen {
  path: string;
  element: ReactNode;
  /** i18n key of the navigation label; screens without one (detail pages) are reached by links. */
  nav?: string;
  roles?: readonly Role[];
}

/**
 * A screen whose code is its own chunk, fetched when the officer first opens it: the login
 * page and the dashboard do not wait for the forms and the protocol's schemas behind them.
 */
function lazyScreen<M>(load: () => Promise<M>, name: keyof M): ReactNode {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return <Page />;
}

export const SCREENS: readonly Screen[] = [
  { path: '/', element: lazyScreen(() => import('../features/dashboard/DashboardPage'), 'DashboardPage'), nav: 'nav.dashboard' },
  { path: '/compose', element: lazyScreen(() => import('../features/compose/ComposePage'), 'ComposePage'), nav: 'nav.compose', roles: ['officer'] },
  { path: '/approvals', element: lazyScreen(() => import('../features/approvals/ApprovalsPage'), 'ApprovalsPage'), nav: 'nav.approvals', roles: ['supervisor'] },
  { path: '/requests', element: lazyScreen(() => import('../features/requests/RequestsPage'), 'RequestsPage'), nav: 'nav.requests' },
  { path: '/requests/:id', element: lazyScreen(() => import('../features/requests/RequestDetailPage'), 'RequestDetailPage') },
  { path: '/inbox', element: lazyScreen(() => import('../features/inbox/InboxPage'), 'InboxPage'), nav: 'nav.inbox' },
  { path: '/inbox/:id', element: lazyScreen(() => import('../features/inbox/IncomingDetailPage'), 'IncomingDetailPage') },
];

export function visibleTo(screen: Screen, roles: readonly string[]): boolean {
  return screen.roles === undefined || screen.roles.some((role) => roles.includes(role));
}
