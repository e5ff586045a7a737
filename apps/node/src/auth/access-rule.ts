import { type Reflector } from '@nestjs/core';
import { OFFICER_ROLES, type OfficerRole } from '../officers/officer-roles';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';

export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: readonly OfficerRole[] } | { kind: 'undeclared' } | { kind: 'ambiguous' };

/**
 * The access rule a route declares: the handler's own declaration, else its controller's.
 * Deny by default: nothing declared, @Public() and @Roles() together on one target, or an
 * empty or unknown role list are all refused by the access guard.
 */
export function accessRuleOf(reflector: Reflector, handler: object, controller: object): AccessRule {
  for (const target of [handler, controller]) {
    const isPublic = reflector.get<boolean | undefined>(PUBLIC_KEY, target as () => void) === true;
    const roles = reflector.get<unknown>(ROLES_KEY, target as () => void);
    if (isPublic && roles !== undefined) return { kind: 'ambiguous' };
    if (isPublic) return { kind: 'public' };
    if (roles !== undefined) {
      const valid = Array.isArray(roles) && roles.length > 0 && roles.every((r) => (OFFICER_ROLES as readonly unknown[]).includes(r));
      return valid ? { kind: 'roles', roles: roles as OfficerRole[] } : { kind: 'ambiguous' };
    }
  }
  return { kind: 'undeclared' };
}
