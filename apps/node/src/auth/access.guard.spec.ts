import { Controller, type ExecutionContext, Get, HttpException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { accessRuleOf } from './access-rule';
import { Public, Roles } from './access.decorators';
import { type AuthOptions } from './auth.options';

@Controller('dummy')
class DummyController {
  @Get('undeclared')
  undeclared(): void {}

  @Get('public')
  @Public()
  open(): void {}

  @Get('supervisor')
  @Roles('supervisor')
  supervisorOnly(): void {}

  @Get('both')
  @Public()
  @Roles('officer')
  both(): void {}
}

@Public()
@Controller('open')
class PublicController {
  @Get()
  anything(): void {}

  @Get('closed')
  @Roles('officer')
  closed(): void {}
}

class SharedHealthController {
  check(): void {}
}

const options: AuthOptions = { unitId: 'FR-TEST', accessTokenTtlSeconds: 60, maxFailures: 5, lockoutSeconds: 60, publicControllers: [SharedHealthController] };

function contextFor(controller: new () => object, handler: string): ExecutionContext {
  const fn = (controller.prototype as Record<string, () => void>)[handler] as () => void;
  return {
    getClass: () => controller,
    getHandler: () => fn,
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ headers: {} }), getResponse: () => ({}) }),
  } as unknown as ExecutionContext;
}

describe('accessRuleOf', () => {
  const reflector = new Reflector();
  const rule = (controller: new () => object, handler: string) => {
    const context = contextFor(controller, handler);
    return accessRuleOf(reflector, context.getHandler(), context.getClass());
  };

  it('reads @Public() and @Roles() of the handler, else of its controller', () => {
    expect(rule(DummyController, 'open')).toEqual({ kind: 'public' });
    expect(rule(DummyController, 'supervisorOnly')).toEqual({ kind: 'roles', roles: ['supervisor'] });
    expect(rule(PublicController, 'anything')).toEqual({ kind: 'public' });
    expect(rule(PublicController, 'closed')).toEqual({ kind: 'roles', roles: ['officer'] });
  });

  it('calls a route with no declaration undeclared, and one with both declarations ambiguous', () => {
    expect(rule(DummyController, 'undeclared')).toEqual({ kind: 'undeclared' });
    expect(rule(DummyController, 'both')).toEqual({ kind: 'ambiguous' });
  });
});

describe('AccessGuard', () => {
  const guard = new AccessGuard(new Reflector(), options);
  const refusal = async (controller: new () => object, handler: string) => {
    try {
      await guard.canActivate(contextFor(controller, handler));
    } catch (error) {
      return error instanceof HttpException ? { status: error.getStatus(), body: error.getResponse() } : error;
    }
    return 'allowed';
  };

  it('refuses a route that declares no access rule, before looking at any token', async () => {
    expect(await refusal(DummyController, 'undeclared')).toEqual({ status: 403, body: { code: 'FORBIDDEN', message: 'this route is not open to anyone' } });
  });

  it('refuses a route that declares both @Public() and @Roles()', async () => {
    expect(await refusal(DummyController, 'both')).toMatchObject({ status: 403 });
  });

  it('lets @Public() routes and the listed shared controllers through without a token', async () => {
    expect(await refusal(DummyController, 'open')).toBe('allowed');
    expect(await refusal(PublicController, 'anything')).toBe('allowed');
    expect(await refusal(SharedHealthController, 'check')).toBe('allowed');
  });
});
