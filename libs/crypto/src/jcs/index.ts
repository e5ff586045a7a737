export { canonicalJson, canonicalJsonBytes } from './canonical-json';
export type { JsonArray, JsonObject, JsonPrimitive, JsonValue } from './json-snapshot';
