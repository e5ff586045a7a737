import { type TSchema } from '@sinclair/typebox';
import { AnswerPayload } from './answer-payload';
import { Envelope } from './envelope';
import { DeliveryReceipt, HubReceipt } from './receipts';
import { Refusal } from './refusal';
import { RequestPayload } from './request-payload';
import { JSON_SCHEMA_DIALECT, schemaId } from './version';

/**
 * The published schema documents. The validators compile exactly these documents, and
 * scripts/write-schemas.ts writes exactly these to openapi/schemas/, so what other
 * implementers read is what this library enforces.
 */
export const SCHEMA_NAMES = ['envelope', 'request-payload', 'answer-payload', 'hub-receipt', 'delivery-receipt', 'refusal'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

const SOURCES: Record<SchemaName, { schema: TSchema; title: string; description: string }> = {
  envelope: {
    schema: Envelope,
    title: 'CICU exchange envelope',
    description: 'JWS payload of a request (typ cicu-request+jws) or an answer (typ cicu-answer+jws). Visible to the hub; holds no personal data.',
  },
  'request-payload': {
    schema: RequestPayload,
    title: 'CICU request payload',
    description: 'Plaintext of the JWE of a request envelope; readable only by the sending and the receiving node.',
  },
  'answer-payload': {
    schema: AnswerPayload,
    title: 'CICU answer payload',
    description: 'Plaintext of the JWE of an answer envelope; readable only by the sending and the receiving node.',
  },
  'hub-receipt': {
    schema: HubReceipt,
    title: 'CICU hub receipt',
    description: 'JWS payload (typ cicu-hub-receipt+jws) signed by the hub when it accepts a message: proof of submission.',
  },
  'delivery-receipt': {
    schema: DeliveryReceipt,
    title: 'CICU delivery receipt',
    description: 'JWS payload (typ cicu-delivery-receipt+jws) signed by the recipient node when it has stored a message: proof of delivery.',
  },
  refusal: {
    schema: Refusal,
    title: 'CICU refusal',
    description: 'JWS payload (typ cicu-refusal+jws) signed by the hub or a node that refuses a message, with a stable reason code.',
  },
};

/** Keyword order in the written documents: identity, then type and constraints, then structure. */
const KEY_ORDER = [
  '$schema', '$id', 'title', 'description', '$comment',
  'type', 'const', 'enum', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum',
  'minItems', 'maxItems', 'items',
  'properties', 'required', 'additionalProperties',
  'allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'not',
];
const SCHEMA_MAP_KEYWORDS = new Set(['properties', '$defs', 'patternProperties', 'dependentSchemas']);
const SCHEMA_KEYWORDS = new Set(['items', 'contains', 'not', 'if', 'then', 'else', 'additionalProperties', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties']);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

const documents = new Map<SchemaName, Record<string, unknown>>();

/** The schema document `name`, as published: plain JSON, keys in a fixed order, with `$schema` and `$id`. */
export function schemaDocument(name: SchemaName): Record<string, unknown> {
  let document = documents.get(name);
  if (!document) {
    const { schema, title, description } = SOURCES[name];
    document = orderSchema({ $schema: JSON_SCHEMA_DIALECT, $id: schemaId(name), title, description, ...plain(schema) as Record<string, unknown> });
    documents.set(name, document);
  }
  return document;
}

export function schemaFileName(name: SchemaName): string {
  return `${name}.schema.json`;
}

/** File name -> file content (2-space JSON, trailing newline) of every published schema. */
export function renderSchemaFiles(): Record<string, string> {
  return Object.fromEntries(SCHEMA_NAMES.map((name) => [schemaFileName(name), `${JSON.stringify(schemaDocument(name), null, 2)}\n`]));
}

/** Drops TypeBox's symbol-keyed metadata (and anything else that is not JSON). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function orderSchema(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema as Record<string, unknown>;
  const record = schema as Record<string, unknown>;
  const rank = (key: string): number => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);
  const keys = Object.keys(record).sort((a, b) => rank(a) - rank(b) || (rank(a) === KEY_ORDER.length ? (a < b ? -1 : a > b ? 1 : 0) : 0));
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = record[key];
    if (SCHEMA_MAP_KEYWORDS.has(key)) {
      // Member order is the order of definition, which reads best; it is deterministic too.
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, sub]) => [name, orderSchema(sub)]));
    } else if (SCHEMA_KEYWORDS.has(key)) {
      out[key] = orderSchema(value);
    } else if (SCHEMA_LIST_KEYWORDS.has(key)) {
      out[key] = (value as unknown[]).map(orderSchema);
    } else {
      out[key] = value;
    }
  }
  return out;
}
