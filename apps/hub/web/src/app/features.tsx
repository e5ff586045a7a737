import { type Screen } from '@cicu/web/screens';
import { AuditPage } from '../features/audit/AuditPage';
import { DeliveriesPage } from '../features/deliveries/DeliveriesPage';
import { MembersPage } from '../features/members/MembersPage';

export type Role = 'coordinator' | 'auditor';

/**
 * The hub's screens; the router and the navigation read only this list. Auditors see every
 * screen read-only: each page shows its actions to coordinators only (the hub refuses them
 * to auditors in any case: FORBIDDEN).
 */
export const SCREENS: readonly Screen<Role>[] = [
  { path: '/', element: <MembersPage />, nav: 'nav.members' },
  { path: '/deliveries', element: <DeliveriesPage />, nav: 'nav.deliveries' },
  { path: '/audit', element: <AuditPage />, nav: 'nav.audit' },
];
