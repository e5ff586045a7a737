import { Injectable } from '@nestjs/common';
import { ADMIN_TOKEN_STRATEGY } from './admin-auth.guard';
import { CodedAuthGuard } from './coded-auth.guard';
import { NODE_ASSERTION_STRATEGY } from './node-assertion.strategy';

/**
 * Who may read the audit log (tree heads, proofs, leaves): any authenticated node, and
 * coordinators and auditors. Passport tries the strategies in order: the admin-token strategy
 * passes (without an error) on anything that is not an admin token, so a node's assertion
 * reaches the node strategy, whose refusals keep their exact codes.
 */
export const AUDIT_READER_STRATEGIES = [ADMIN_TOKEN_STRATEGY, NODE_ASSERTION_STRATEGY];

@Injectable()
export class AuditReaderGuard extends CodedAuthGuard(AUDIT_READER_STRATEGIES) {}
