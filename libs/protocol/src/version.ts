/**
 * Protocol version carried as `v` in every signed JWS payload. It changes only for a
 * breaking change of the wire contract (see docs/protocol.md, "Versioning").
 */
export const PROTOCOL_VERSION = 1;
export type ProtocolVersion = typeof PROTOCOL_VERSION;

/** Base of every schema `$id`; the version segment follows PROTOCOL_VERSION. */
export const SCHEMA_BASE_URL = `https://cicu-exchange.eu/schemas/v${PROTOCOL_VERSION}/`;

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export function schemaId(name: string): string {
  return `${SCHEMA_BASE_URL}${name}.schema.json`;
}
