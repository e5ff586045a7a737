import { Injectable } from '@nestjs/common';
import { CodedAuthGuard } from './coded-auth.guard';

/** Passport name of the coordinators' and auditors' access-token strategy (apps/hub/src/accounts/admin-token.strategy.ts). */
export const ADMIN_TOKEN_STRATEGY = 'admin-token';

/** Runs the admin-token strategy; the role check is HubAccessGuard's. */
@Injectable()
export class AdminAuthGuard extends CodedAuthGuard(ADMIN_TOKEN_STRATEGY) {}
