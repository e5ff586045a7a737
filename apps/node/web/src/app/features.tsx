import { lazyScreen, type Screen } from '@cicu/web/screens';

export type Role = 'officer' | 'supervisor';

/**
 * The officers' screens; the router and the navigation read only this list. Each is its own
 * chunk, fetched on the first visit.
 */
export const SCREENS: readonly Screen<Role>[] = [
  { path: '/', element: lazyScreen(() => import('../features/dashboard/DashboardPage'), 'DashboardPage'), nav: 'nav.dashboard' },
  { path: '/compose', element: lazyScreen(() => import('../features/compose/ComposePage'), 'ComposePage'), nav: 'nav.compose', roles: ['officer'] },
  { path: '/approvals', element: lazyScreen(() => import('../features/approvals/ApprovalsPage'), 'ApprovalsPage'), nav: 'nav.approvals', roles: ['supervisor'] },
  { path: '/requests', element: lazyScreen(() => import('../features/requests/RequestsPage'), 'RequestsPage'), nav: 'nav.requests' },
  { path: '/requests/:id', element: lazyScreen(() => import('../features/requests/RequestDetailPage'), 'RequestDetailPage') },
  { path: '/inbox', element: lazyScreen(() => import('../features/inbox/InboxPage'), 'InboxPage'), nav: 'nav.inbox' },
  { path: '/inbox/:id', element: lazyScreen(() => import('../features/inbox/IncomingDetailPage'), 'IncomingDetailPage') },
];
