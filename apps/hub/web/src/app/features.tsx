import { lazyScreen, type Screen } from '@cicu/web/screens';

export type Role = 'coordinator' | 'auditor';

/**
 * The hub's screens; the router and the navigation read only this list. Auditors see every
 * screen read-only: each page shows its actions to coordinators only (the hub refuses them
 * to auditors in any case: FORBIDDEN). Each is its own chunk, fetched on the first visit.
 */
export const SCREENS: readonly Screen<Role>[] = [
  { path: '/', element: lazyScreen(() => import('../features/members/MembersPage'), 'MembersPage'), nav: 'nav.members' },
  { path: '/deliveries', element: lazyScreen(() => import('../features/deliveries/DeliveriesPage'), 'DeliveriesPage'), nav: 'nav.deliveries' },
  { path: '/audit', element: lazyScreen(() => import('../features/audit/AuditPage'), 'AuditPage'), nav: 'nav.audit' },
];
