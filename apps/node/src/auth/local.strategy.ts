import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { type OfficerView } from '../officers/officers.service';
import { CredentialsService } from './credentials.service';

export const LOCAL_STRATEGY = 'local';

/** Username and password from the (already validated) JSON body of POST /v1/auth/login. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, LOCAL_STRATEGY) {
  constructor(private readonly credentials: CredentialsService) {
    super({ usernameField: 'username', passwordField: 'password', session: false });
  }

  validate(username: string, password: string): Promise<OfficerView> {
    return this.credentials.authenticate(username, password);
  }
}
