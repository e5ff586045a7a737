/** What an officer may do on the node; a route declares the roles it admits with @Roles(). */
export const OFFICER_ROLES = ['officer', 'supervisor'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** An officer's account states are those of every account (apps/shared/src/auth/lockout.ts). */
export { ACCOUNT_STATUSES as OFFICER_STATUSES, type AccountStatus as OfficerStatus } from '@cicu/shared';
