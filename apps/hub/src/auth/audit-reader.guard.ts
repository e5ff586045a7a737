import { Injectable } from '@nestjs/common';
import { CodedAuthGuard } from './coded-auth.guard';
import { NODE_ASSERTION_STRATEGY } from './node-assertion.strategy';

/**
 * Who may read the audit log (tree heads, proofs, leaves): any authenticated node today.
 * Auditor accounts (issue 4) are one more Passport strategy in this list; Passport tries them
 * in order and the first that authenticates wins.
 */
export const AUDIT_READER_STRATEGIES = [NODE_ASSERTION_STRATEGY];

@Injectable()
export class AuditReaderGuard extends CodedAuthGuard(AUDIT_READER_STRATEGIES) {}
