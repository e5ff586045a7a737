import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { type AdminLogin, AdminLoginService } from './admin-login.service';

export const ADMIN_LOCAL_STRATEGY = 'admin-local';

/** Username and password from the (already validated) JSON body of POST /v1/admin/auth/login. */
@Injectable()
export class AdminLocalStrategy extends PassportStrategy(Strategy, ADMIN_LOCAL_STRATEGY) {
  constructor(private readonly logins: AdminLoginService) {
    super({ usernameField: 'username', passwordField: 'password', session: false });
  }

  validate(username: string, password: string): Promise<AdminLogin> {
    return this.logins.login(username, password);
  }
}
