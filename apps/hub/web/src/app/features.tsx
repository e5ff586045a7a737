import { lazyScreen, type Screen } from '@cicu/web/screens';

export type Role = 'coordinator' | 'auditor';

/**
 * The hub's screens; the router and the navigation read only this list. Auditors see every
 * screen but moderation read-only: each page shows its actions to coordinators only (the hub
 * refuses them to auditors in any case: FORBIDDEN). Moderation is the coordinators' alone (the
 * hub keeps its reading routes to them too). Each is its own chunk, fetched on the first visit.
 */
export const SCREENS: readonly Screen<Role>[] = [
  { path: '/', element: lazyScreen(() => import('../features/members/MembersPage'), 'MembersPage'), nav: 'nav.members' },
  { path: '/agreements', element: lazyScreen(() => import('../features/agreements/AgreementsPage'), 'AgreementsPage'), nav: 'nav.agreements' },
  { path: '/agreements/:id', element: lazyScreen(() => import('../features/agreements/AgreementPage'), 'AgreementPage') },
  { path: '/moderation', element: lazyScreen(() => import('../features/moderation/ModerationPage'), 'ModerationPage'), nav: 'nav.moderation', roles: ['coordinator'] },
  { path: '/moderation/threads/:id', element: lazyScreen(() => import('../features/moderation/ThreadPage'), 'ThreadPage'), roles: ['coordinator'] },
  { path: '/deliveries', element: lazyScreen(() => import('../features/deliveries/DeliveriesPage'), 'DeliveriesPage'), nav: 'nav.deliveries' },
  { path: '/audit', element: lazyScreen(() => import('../features/audit/AuditPage'), 'AuditPage'), nav: 'nav.audit' },
];
