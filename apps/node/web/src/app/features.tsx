import { type Screen } from '@cicu/web/screens';
import { ApprovalsPage } from '../features/approvals/ApprovalsPage';
import { ComposePage } from '../features/compose/ComposePage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { IncomingDetailPage } from '../features/inbox/IncomingDetailPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { RequestDetailPage } from '../features/requests/RequestDetailPage';
import { RequestsPage } from '../features/requests/RequestsPage';

export type Role = 'officer' | 'supervisor';

/**
 * The officers' screens; the router and the navigation read only this list. The library and
 * forum screens add their entries here when their APIs exist.
 */
export const SCREENS: readonly Screen<Role>[] = [
  { path: '/', element: <DashboardPage />, nav: 'nav.dashboard' },
  { path: '/compose', element: <ComposePage />, nav: 'nav.compose', roles: ['officer'] },
  { path: '/approvals', element: <ApprovalsPage />, nav: 'nav.approvals', roles: ['supervisor'] },
  { path: '/requests', element: <RequestsPage />, nav: 'nav.requests' },
  { path: '/requests/:id', element: <RequestDetailPage /> },
  { path: '/inbox', element: <InboxPage />, nav: 'nav.inbox' },
  { path: '/inbox/:id', element: <IncomingDetailPage /> },
];
