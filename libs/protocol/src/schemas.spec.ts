import { createProtocolAjv } from './ajv';
import { renderSchemaFiles, SCHEMA_NAMES, schemaDocument } from './schemas';
import { JSON_SCHEMA_DIALECT, schemaId } from './version';

type Schema = Record<string, unknown>;

/** Every subschema of a document with its JSON Pointer. */
function subschemas(schema: unknown, at = '#'): Array<[string, Schema]> {
  if (typeof schema !== 'object' || schema === null) return [];
  const record = schema as Schema;
  const out: Array<[string, Schema]> = [[at, record]];
  for (const [key, value] of Object.entries(record)) {
    if (['properties', '$defs', 'patternProperties', 'dependentSchemas'].includes(key)) {
      for (const [name, sub] of Object.entries(value as Schema)) out.push(...subschemas(sub, `${at}/${key}/${name}`));
    } else if (['allOf', 'anyOf', 'oneOf', 'prefixItems'].includes(key)) {
      (value as unknown[]).forEach((sub, i) => out.push(...subschemas(sub, `${at}/${key}/${i}`)));
    } else if (['items', 'if', 'then', 'else', 'not', 'contains', 'additionalProperties'].includes(key)) {
      out.push(...subschemas(value, `${at}/${key}`));
    }
  }
  return out;
}

const isCondition = (pointer: string): boolean => /\/(if|then|oneOf|anyOf)(\/|$)/.test(pointer);

describe.each(SCHEMA_NAMES)('the %s schema', (name) => {
  const document = schemaDocument(name);
  const all = subschemas(document);

  it('declares the 2020-12 dialect and a stable $id', () => {
    expect(document.$schema).toBe(JSON_SCHEMA_DIALECT);
    expect(document.$id).toBe(schemaId(name));
    expect(document.$id).toBe(`https://cicu-exchange.eu/schemas/v1/${name}.schema.json`);
  });

  it('is a valid JSON Schema 2020-12 document that compiles in strict mode', () => {
    const ajv = createProtocolAjv();
    expect(ajv.validateSchema(document)).toBe(true);
    expect(() => ajv.compile(document)).not.toThrow();
  });

  it('bounds every string', () => {
    const unbounded = all.filter(([pointer, s]) => s.type === 'string' && s.maxLength === undefined && s.enum === undefined && s.const === undefined && !isCondition(pointer));
    expect(unbounded.map(([pointer]) => pointer)).toEqual([]);
  });

  it('bounds every array', () => {
    expect(all.filter(([, s]) => s.type === 'array' && typeof s.maxItems !== 'number').map(([pointer]) => pointer)).toEqual([]);
  });

  it('closes every object', () => {
    const open = all.filter(([pointer, s]) => s.properties !== undefined && s.additionalProperties !== false && !isCondition(pointer) && !Array.isArray(s.allOf));
    // Discriminated objects (if/then per variant) are closed by each variant's schema.
    const undiscriminated = open.filter(([, s]) => !(s.allOf as Schema[] | undefined)?.every((branch) => branch.if !== undefined));
    expect(undiscriminated.map(([pointer]) => pointer)).toEqual([]);
  });

  it('requires only members it defines', () => {
    const undefinedRequired = all.flatMap(([pointer, s]) =>
      Array.isArray(s.required) ? (s.required as string[]).filter((member) => (s.properties as Schema | undefined)?.[member] === undefined).map((member) => `${pointer}: ${member}`) : [],
    );
    expect(undefinedRequired).toEqual([]);
  });
});

describe('renderSchemaFiles', () => {
  it('renders one file per schema, deterministically, as 2-space JSON with a trailing newline', () => {
    const files = renderSchemaFiles();
    expect(Object.keys(files)).toEqual(SCHEMA_NAMES.map((name) => `${name}.schema.json`));
    expect(renderSchemaFiles()).toEqual(files);
    for (const content of Object.values(files)) {
      expect(content.endsWith('}\n')).toBe(true);
      expect(content).toBe(`${JSON.stringify(JSON.parse(content), null, 2)}\n`);
      expect(Object.keys(JSON.parse(content) as Schema).slice(0, 4)).toEqual(['$schema', '$id', 'title', 'description']);
    }
  });
});
