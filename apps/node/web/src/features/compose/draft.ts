import { type RequestType, REQUEST_TYPES } from '../../../../../../libs/protocol/src/codes';
import { RequestSubject } from '../../../../../../libs/protocol/src/request-subjects';
import type { Schemas } from '../../api/client';
import { type FieldSpec, fieldsOf, type FormValues, pointersOf, toValue, variantsOf } from '../forms/schema-fields';
import { below } from '../forms/issues';
import type { ComposeChoice } from './compose-options';

export interface CaseText {
  handlingCode: string;
  handlingNote: string;
  caseReference: string;
  summaryOfFacts: string;
  measureRequested: string;
  enquiriesMade: string;
}

/** The subject fields of each request type, from the protocol's schema of that type's subject. */
const SUBJECTS = variantsOf(RequestSubject, 'type');
export const SUBJECT_FIELDS = Object.fromEntries(REQUEST_TYPES.map((type) => [type, fieldsOf(SUBJECTS[type], ['type'])])) as Record<RequestType, FieldSpec[]>;

export function subjectFieldsOf(requestType: string): FieldSpec[] {
  return SUBJECT_FIELDS[requestType as RequestType] ?? [];
}

/** The body of POST /v1/requests (and /check) from the form; `attachments`: the files uploaded for it (none: left out). */
export function draftBody(choice: ComposeChoice, text: CaseText, subject: FormValues, attachments: readonly Schemas['AttachmentDto'][] = []): Schemas['DraftRequestDto'] {
  const note = text.handlingNote.trim();
  return {
    ...choice,
    handlingCode: text.handlingCode,
    ...(note !== '' && { handlingNote: note }),
    caseReference: text.caseReference.trim(),
    summaryOfFacts: text.summaryOfFacts.trim(),
    measureRequested: text.measureRequested.trim(),
    enquiriesMade: text.enquiriesMade.trim(),
    subject: toValue(subjectFieldsOf(choice.requestType), subject),
    ...(attachments.length > 0 && { attachments: [...attachments] }),
    // Free strings from the form: the node validates them (and the check says what is wrong).
  } as Schemas['DraftRequestDto'];
}

// Payload members the form edits under another name (the payload's nationalReference is the case reference).
const RENAMED: Record<string, string> = { '/nationalReference': '/caseReference', '/legalBasisId': '/legalBasisId', '/agreementId': '/agreementId' };
const TOP_LEVEL = ['/partnerUnit', '/requestType', '/area', '/priority', '/handlingCode', '/handlingNote', '/summaryOfFacts', '/measureRequested', '/enquiriesMade'];

/**
 * The form field of a payload pointer reported by the node: the case fields by name, subject
 * members as `/subject/<field>`, anything else (dueAt, …) undefined, shown with the form.
 */
export function draftFieldOf(requestType: string): (pointer: string) => string | undefined {
  const subject = below('/subject', pointersOf(subjectFieldsOf(requestType)));
  return (pointer) => RENAMED[pointer] ?? (TOP_LEVEL.includes(pointer) ? pointer : subject(pointer));
}
