import { type ExecutionContext, HttpException, type Type } from '@nestjs/common';
import { AuthGuard, type IAuthGuard } from '@nestjs/passport';
import { httpStatusOf, isNodeAuthError, NodeAuthError } from './node-auth.errors';

/**
 * A Passport guard over `strategies` whose refusals become `{ code, message }` with their
 * status (never Passport's bare 401). Each guard of the hub is one of these with its list.
 */
export function CodedAuthGuard(strategies: string | string[]): Type<IAuthGuard> {
  class Guard extends AuthGuard(strategies) {
    override async canActivate(context: ExecutionContext): Promise<boolean> {
      try {
        return (await super.canActivate(context)) as boolean;
      } catch (error) {
        if (!isNodeAuthError(error)) throw error;
        const body = { code: error.code, message: error.message };
        throw new HttpException(body, httpStatusOf(error.code), { cause: error });
      }
    }

    override handleRequest<TUser>(error: unknown, user: TUser): TUser {
      if (error) throw error;
      if (!user) throw new NodeAuthError('UNAUTHENTICATED', 'authentication required');
      return user;
    }
  }
  return Guard;
}
