/** What an officer may do on the node; a route declares the roles it admits with @Roles(). */
export const OFFICER_ROLES = ['officer', 'supervisor'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export const OFFICER_STATUSES = ['active', 'locked', 'disabled'] as const;
export type OfficerStatus = (typeof OFFICER_STATUSES)[number];
