import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProtocolAjv, renderSchemaFiles } from '../libs/protocol/src/index';
import { findSchemaDrift, SCHEMA_DIR, writeSchemaFiles } from './write-schemas';

describe('write-schemas', () => {
  it('finds the committed openapi/schemas up to date with libs/protocol (what --check verifies)', () => {
    expect(findSchemaDrift(SCHEMA_DIR)).toEqual([]);
  });

  it('commits schema files that are valid JSON Schema 2020-12 and compile in strict mode', () => {
    const ajv = createProtocolAjv();
    for (const file of Object.keys(renderSchemaFiles())) {
      const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
      expect(ajv.validateSchema(schema)).toBe(true);
      expect(() => ajv.compile(schema)).not.toThrow();
    }
  });

  it('reports missing, differing and stale files, and writing repairs them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    try {
      const expected = { 'a.schema.json': '{}\n', 'b.schema.json': '{"type":"object"}\n' };
      writeFileSync(join(dir, 'b.schema.json'), '{}\n');
      writeFileSync(join(dir, 'old.schema.json'), '{}\n');
      writeFileSync(join(dir, 'README.md'), 'not a schema');
      expect(findSchemaDrift(dir, expected)).toEqual([
        { file: 'a.schema.json', problem: 'missing' },
        { file: 'b.schema.json', problem: 'differs' },
        { file: 'old.schema.json', problem: 'stale' },
      ]);
      writeSchemaFiles(dir, expected);
      expect(findSchemaDrift(dir, expected)).toEqual([]);
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('not a schema');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
