import type { ReactNode } from 'react';
import { ApprovalsPage } from '../features/approvals/ApprovalsPage';
import { ComposePage } from '../features/compose/ComposePage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { IncomingDetailPage } from '../features/inbox/IncomingDetailPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { RequestDetailPage } from '../features/requests/RequestDetailPage';
import { RequestsPage } from '../features/requests/RequestsPage';

export type Role = 'officer' | 'supervisor';

/**
 * The screens of the app. Each feature declares its routes and, if it has one, its entry in
 * the navigation with the roles that see it; the layout and the router read this list only.
 * The library and forum screens add their entries here when their APIs exist.
 */
export interface Screen {
  path: string;
  element: ReactNode;
  /** i18n key of the navigation label; screens without one (detail pages) are reached by links. */
  nav?: string;
  roles?: readonly Role[];
}

export const SCREENS: readonly Screen[] = [
  { path: '/', element: <DashboardPage />, nav: 'nav.dashboard' },
  { path: '/compose', element: <ComposePage />, nav: 'nav.compose', roles: ['officer'] },
  { path: '/approvals', element: <ApprovalsPage />, nav: 'nav.approvals', roles: ['supervisor'] },
  { path: '/requests', element: <RequestsPage />, nav: 'nav.requests' },
  { path: '/requests/:id', element: <RequestDetailPage /> },
  { path: '/inbox', element: <InboxPage />, nav: 'nav.inbox' },
  { path: '/inbox/:id', element: <IncomingDetailPage /> },
];

export function visibleTo(screen: Screen, roles: readonly string[]): boolean {
  return screen.roles === undefined || screen.roles.some((role) => roles.includes(role));
}
