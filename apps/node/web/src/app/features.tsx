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
  { path: '/requests/:id/edit', element: lazyScreen(() => import('../features/compose/RevisePage'), 'EditDraftPage'), roles: ['officer'] },
  { path: '/requests/:id/follow-up', element: lazyScreen(() => import('../features/compose/RevisePage'), 'FollowUpPage'), roles: ['officer'] },
  { path: '/inbox', element: lazyScreen(() => import('../features/inbox/InboxPage'), 'InboxPage'), nav: 'nav.inbox' },
  { path: '/inbox/:id', element: lazyScreen(() => import('../features/inbox/IncomingDetailPage'), 'IncomingDetailPage') },
  { path: '/library', element: lazyScreen(() => import('../features/library/LibrarySearchPage'), 'LibrarySearchPage'), nav: 'nav.library' },
  { path: '/library/new', element: lazyScreen(() => import('../features/library/UploadPage'), 'UploadPage'), roles: ['officer'] },
  { path: '/library/:id', element: lazyScreen(() => import('../features/library/DocumentPage'), 'DocumentPage') },
  { path: '/forum', element: lazyScreen(() => import('../features/forum/ForumPage'), 'ForumPage'), nav: 'nav.forum' },
  { path: '/forum/threads/:id', element: lazyScreen(() => import('../features/forum/ThreadPage'), 'ThreadPage') },
  { path: '/notifications', element: lazyScreen(() => import('../features/forum/NotificationsPage'), 'NotificationsPage'), nav: 'nav.notifications' },
];
