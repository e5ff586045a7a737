import { Type } from '@sinclair/typebox';
import { type ValidationIssue } from '@cicu/protocol';
import { schemaValidator } from '@cicu/shared';
import { REQUEST_STATUSES, type RequestStatus } from './case-status';
import { CaseError } from './cases.errors';

const enumOf = (values: readonly string[]) => Type.Unsafe<string>({ type: 'string', enum: [...values] });
const Mine = Type.Optional(enumOf(['true', 'false']));

const refuse = (issues: ValidationIssue[]) => new CaseError('VALIDATION', 'the query parameters fail validation', { issues });

/**
 * The query parameters of the list routes, checked as a whole: a status that is none, `mine`
 * other than true or false, a parameter given twice, and one the route does not define (a
 * misspelt `status` would otherwise list every request) are each an issue of one VALIDATION.
 */
const checkRequestList = schemaValidator(Type.Object({ status: Type.Optional(enumOf(REQUEST_STATUSES)), mine: Mine }, { additionalProperties: false }), refuse);
const checkIncomingList = schemaValidator(Type.Object({ mine: Mine }, { additionalProperties: false }), refuse);

/** GET /v1/requests: `status` (absent: every status) and `mine` ("true": the officer's own). */
export function requestListQuery(query: unknown): { status: RequestStatus | undefined; mine: boolean } {
  const { status, mine } = checkRequestList(query);
  return { status: status as RequestStatus | undefined, mine: mine === 'true' };
}

/** GET /v1/incoming: `mine` ("true": those assigned to the officer). */
export function incomingListQuery(query: unknown): { mine: boolean } {
  return { mine: checkIncomingList(query).mine === 'true' };
}
