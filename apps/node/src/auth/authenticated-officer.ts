import { type OfficerView } from '../officers/officers.service';

/** The officer a verified access token speaks for, with its current roles from the database. */
export interface AuthenticatedOfficer extends OfficerView {
  /** The token's jti and exp (seconds): what logout revokes, and until when. */
  token: { jti: string; exp: number };
}
