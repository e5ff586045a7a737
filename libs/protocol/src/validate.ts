import { type ValidateFunction } from 'ajv/dist/2020';
import { createProtocolAjv } from './ajv';
import { type AnswerPayload } from './answer-payload';
import { type MessageKind } from './codes';
import { type Envelope } from './envelope';
import { toIssues } from './issues';
import { messageKindForTyp } from './jose-profile';
import { type DeliveryReceipt, type HubReceipt } from './receipts';
import { type Refusal } from './refusal';
import { type RequestPayload } from './request-payload';
import { schemaDocument, type SchemaName } from './schemas';
import { type ValidationIssue } from './validation-issue';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

/** Any payload of a protocol JWS. */
export type SignedPayload = Envelope | HubReceipt | DeliveryReceipt | Refusal;

let ajv: ReturnType<typeof createProtocolAjv> | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

// Compiling takes tens of milliseconds per schema: do it once per process, on first use.
function validatorFor(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    ajv ??= createProtocolAjv();
    validate = ajv.compile(schemaDocument(name));
    compiled.set(name, validate);
  }
  return validate;
}

function run<T>(name: SchemaName, value: unknown): ValidationResult<T> {
  const validate = validatorFor(name);
  if (validate(value)) return { ok: true, value: value as T };
  return { ok: false, errors: toIssues(validate.errors, schemaDocument(name)) };
}

/** Validates the JWS payload of a request or an answer. */
export function validateEnvelope(value: unknown): ValidationResult<Envelope> {
  return run('envelope', value);
}

/** Validates the decrypted JWE plaintext (parsed JSON) of a request. */
export function validateRequestPayload(value: unknown): ValidationResult<RequestPayload> {
  return run('request-payload', value);
}

/** Validates the decrypted JWE plaintext (parsed JSON) of an answer. */
export function validateAnswerPayload(value: unknown): ValidationResult<AnswerPayload> {
  return run('answer-payload', value);
}

export function validateHubReceipt(value: unknown): ValidationResult<HubReceipt> {
  return run('hub-receipt', value);
}

export function validateDeliveryReceipt(value: unknown): ValidationResult<DeliveryReceipt> {
  return run('delivery-receipt', value);
}

export function validateRefusal(value: unknown): ValidationResult<Refusal> {
  return run('refusal', value);
}

const SCHEMA_OF_KIND: Record<MessageKind, SchemaName> = {
  request: 'envelope',
  answer: 'envelope',
  'hub-receipt': 'hub-receipt',
  'delivery-receipt': 'delivery-receipt',
  refusal: 'refusal',
};

/**
 * Validates the payload of a verified JWS against the schema its `typ` names, and checks
 * that the payload's `kind` is that kind: a payload signed as one kind is never accepted as
 * another.
 */
export function validateJwsPayload(typ: unknown, value: unknown): ValidationResult<SignedPayload> {
  const kind = messageKindForTyp(typ);
  if (kind === undefined) return { ok: false, errors: [{ path: '', code: 'typ', message: 'the JWS typ names no message kind of this protocol' }] };
  const result = run<SignedPayload>(SCHEMA_OF_KIND[kind], value);
  if (result.ok && result.value.kind !== kind) {
    return { ok: false, errors: [{ path: '/kind', code: 'typ', message: `must be "${kind}", the kind the JWS typ names` }] };
  }
  return result;
}
