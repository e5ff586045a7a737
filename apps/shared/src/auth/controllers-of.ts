import { type DynamicModule, type Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';

/**
 * The controllers a module declares, static (@Module) or dynamic (forRoot): lets the node
 * name whole shared modules (health, JWKS) as public without editing their code.
 */
export function controllersOf(...modules: (Type | DynamicModule)[]): Type[] {
  return modules.flatMap((module) => {
    if ('module' in module) return [...((module.controllers ?? []) as Type[]), ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module.module) ?? []) as Type[])];
    return (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as Type[];
  });
}
