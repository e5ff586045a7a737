/**
 * Form fields derived from the protocol's own JSON Schemas (the TypeBox values of
 * libs/protocol): the typed part of a request (its subject) and of an answer (its findings) is
 * whatever the protocol says it is, with no second description of it in the web code.
 * Values are kept flat, by JSON Pointer below the schema's root ("/ip", "/period/from"), as
 * the inputs hold them (text); `toValue` builds the object the protocol validates.
 */

export type FieldSpec =
  | { kind: 'text'; name: string; pointer: string; required: boolean; format?: string; multiline: boolean }
  | { kind: 'integer'; name: string; pointer: string; required: boolean }
  | { kind: 'choice'; name: string; pointer: string; required: boolean; options: string[] }
  | { kind: 'lines'; name: string; pointer: string; required: boolean }
  | { kind: 'group'; name: string; pointer: string; required: boolean; fields: FieldSpec[] };

export type FormValues = Record<string, string>;

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

// Free text longer than this is shown as a multi-line box.
const MULTILINE_FROM = 500;

/** The fields of an object schema, in the schema's order; `skip` names members the form sets itself (e.g. `type`). */
export function fieldsOf(schema: unknown, skip: readonly string[] = [], base = ''): FieldSpec[] {
  const object = schema as JsonSchema;
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {})
    .filter(([name, property]) => !skip.includes(name) && property.const === undefined)
    .map(([name, property]) => fieldOf(name, property, `${base}/${name}`, required.has(name)));
}

function fieldOf(name: string, schema: JsonSchema, pointer: string, required: boolean): FieldSpec {
  if (schema.type === 'object') return { kind: 'group', name, pointer, required, fields: fieldsOf(schema, [], pointer) };
  if (schema.type === 'integer' || schema.type === 'number') return { kind: 'integer', name, pointer, required };
  if (schema.type === 'array') return { kind: 'lines', name, pointer, required };
  if (Array.isArray(schema.enum)) return { kind: 'choice', name, pointer, required, options: schema.enum.map(String) };
  return { kind: 'text', name, pointer, required, ...(schema.format !== undefined && { format: schema.format }), multiline: (schema.maxLength ?? 0) >= MULTILINE_FROM };
}

/**
 * The object the fields describe: empty inputs are left out (the protocol says what is
 * missing), a group only when one of its fields is given, an integer as a number when it is
 * one (otherwise the text, which the protocol reports as the wrong type), lines as a list.
 */
export function toValue(fields: readonly FieldSpec[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.kind === 'group') {
      const inner = toValue(field.fields, values);
      if (Object.keys(inner).length > 0) out[field.name] = inner;
      continue;
    }
    const raw = (values[field.pointer] ?? '').trim();
    if (raw === '') continue;
    if (field.kind === 'integer') out[field.name] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
    else if (field.kind === 'lines') out[field.name] = raw.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    else out[field.name] = raw;
  }
  return out;
}

/** The flat values of an object (the inverse of toValue): to show a stored payload in the same fields. */
export function toFormValues(fields: readonly FieldSpec[], value: Record<string, unknown> | undefined): FormValues {
  const out: FormValues = {};
  for (const field of fields) {
    const member = value?.[field.name];
    if (field.kind === 'group') Object.assign(out, toFormValues(field.fields, member as Record<string, unknown> | undefined));
    else if (Array.isArray(member)) out[field.pointer] = member.join('\n');
    else if (member !== undefined) out[field.pointer] = String(member);
  }
  return out;
}

/** Every pointer of the fields, groups included. */
export function pointersOf(fields: readonly FieldSpec[]): string[] {
  return fields.flatMap((f) => (f.kind === 'group' ? [f.pointer, ...pointersOf(f.fields)] : [f.pointer]));
}

/**
 * The variants of a protocol union (`Discriminated` in libs/protocol: one `if`/`then` per
 * variant), by the value of their discriminating member.
 */
export function variantsOf(union: unknown, key: string): Record<string, unknown> {
  const branches = (union as { allOf?: { then?: JsonSchema }[] }).allOf ?? [];
  return Object.fromEntries(branches.map((b) => b.then).filter((t): t is JsonSchema => t?.properties?.[key]?.const !== undefined).map((t) => [String(t.properties![key]!.const), t]));
}
