import { type ExecutionContext, HttpException, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { NODE_ASSERTION_STRATEGY } from './node-assertion.strategy';
import { httpStatusOf, isNodeAuthError, NodeAuthError } from './node-auth.errors';

/** Runs the node-assertion strategy; refusals become `{ code, message }` with their status. */
@Injectable()
export class NodeAuthGuard extends AuthGuard(NODE_ASSERTION_STRATEGY) {
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
