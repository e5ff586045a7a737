/**
 * What a person may do on the hub. `coordinator`: runs the federation (membership, legal
 * bases, agreements, nodes and keys, accounts). `auditor`: reads only (directory, audit log,
 * delivery status). A route declares the roles it admits with @AdminRoles().
 */
export const ADMIN_ROLES = ['coordinator', 'auditor'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];
