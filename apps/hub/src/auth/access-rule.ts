import { type Reflector } from '@nestjs/core';
import { ADMIN_ROLES, type AdminRole } from '../accounts/admin-roles';

const ACCESS_KEY = 'cicu:hub:access';
const PASSWORD_CHANGE_KEY = 'cicu:hub:open-during-password-change';

/** Who may call a route, as the route declares it. */
export type AccessDeclaration =
  /** Anyone: /health, the JWKS, the directory snapshot, login. */
  | { kind: 'public' }
  /** A node, by its client assertion. */
  | { kind: 'node' }
  /** AUDIT_READER_STRATEGIES: a node, or a coordinator or auditor. */
  | { kind: 'audit-reader' }
  /** A coordinator or auditor holding one of `roles`. */
  | { kind: 'admin'; roles: readonly AdminRole[] };

export type AccessRule = AccessDeclaration | { kind: 'undeclared' } | { kind: 'ambiguous' };

/**
 * Records one access declaration on a controller or handler. Declarations accumulate (they do
 * not overwrite each other), so two on one target are seen, and refused, as ambiguous.
 */
export function declareAccess(declaration: AccessDeclaration): MethodDecorator & ClassDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const on = (descriptor?.value as object | undefined) ?? target;
    const declared = (Reflect.getMetadata(ACCESS_KEY, on) as AccessDeclaration[] | undefined) ?? [];
    Reflect.defineMetadata(ACCESS_KEY, [...declared, declaration], on);
  };
}

/** Marks an @AdminRoles() route as open to an account that must still change its one-time password. */
export function markOpenDuringPasswordChange(): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata(PASSWORD_CHANGE_KEY, true, descriptor.value as object);
  };
}

export function isOpenDuringPasswordChange(reflector: Reflector, handler: object): boolean {
  return reflector.get<boolean | undefined>(PASSWORD_CHANGE_KEY, handler as () => void) === true;
}

/**
 * The access rule of a route: the handler's own declaration, else its controller's. Deny by
 * default: nothing declared, two declarations on one target, or an empty or unknown role
 * list are refused by the access guard.
 */
export function accessRuleOf(reflector: Reflector, handler: object, controller: object): AccessRule {
  for (const target of [handler, controller]) {
    const declared = reflector.get<AccessDeclaration[] | undefined>(ACCESS_KEY, target as () => void);
    if (declared === undefined || declared.length === 0) continue;
    if (declared.length > 1) return { kind: 'ambiguous' };
    const [rule] = declared as [AccessDeclaration];
    if (rule.kind !== 'admin') return rule;
    const valid = rule.roles.length > 0 && rule.roles.every((role) => (ADMIN_ROLES as readonly string[]).includes(role));
    return valid ? rule : { kind: 'ambiguous' };
  }
  return { kind: 'undeclared' };
}
