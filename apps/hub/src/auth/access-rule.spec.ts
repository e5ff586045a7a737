import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type AdminRole } from '../accounts/admin-roles';
import { AdminRoles, NodeAuth, Public } from './access.decorators';
import { accessRuleOf, isOpenDuringPasswordChange, markOpenDuringPasswordChange } from './access-rule';

@Controller('mixed')
@NodeAuth()
class MixedController {
  @Get('inherits')
  inherits(): void {}

  @Get('own')
  @AdminRoles('auditor')
  @markOpenDuringPasswordChange()
  own(): void {}

  @Get('twice')
  @Public()
  @AdminRoles('coordinator')
  twice(): void {}

  @Get('bad-role')
  @AdminRoles('root' as AdminRole)
  badRole(): void {}
}

@Controller('bare')
class BareController {
  @Get()
  nothing(): void {}
}

describe('accessRuleOf (the hub routes\' declarations)', () => {
  const reflector = new Reflector();
  const rule = (controller: new () => object, handler: string) => accessRuleOf(reflector, (controller.prototype as Record<string, object>)[handler]!, controller);

  it("takes the handler's declaration, else its controller's", () => {
    expect(rule(MixedController, 'inherits')).toEqual({ kind: 'node' });
    expect(rule(MixedController, 'own')).toEqual({ kind: 'admin', roles: ['auditor'] });
  });

  it('calls nothing declared undeclared; two declarations, or an unknown role, ambiguous', () => {
    expect(rule(BareController, 'nothing')).toEqual({ kind: 'undeclared' });
    expect(rule(MixedController, 'twice')).toEqual({ kind: 'ambiguous' });
    expect(rule(MixedController, 'badRole')).toEqual({ kind: 'ambiguous' });
  });

  it('knows which handlers stay open during a pending password change', () => {
    expect(isOpenDuringPasswordChange(reflector, MixedController.prototype.own)).toBe(true);
    expect(isOpenDuringPasswordChange(reflector, MixedController.prototype.inherits)).toBe(false);
  });
});
