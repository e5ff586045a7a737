import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  validateAnswerPayload,
  validateDeliveryReceipt,
  validateEnvelope,
  validateHubReceipt,
  validateRefusal,
  validateRequestPayload,
  type SchemaName,
  type ValidationResult,
} from '../libs/protocol/src/index';
import { exampleRequestPayload } from '../libs/protocol/src/testing/examples';

// docs/protocol.md marks each example with <!-- schema: name --> (or name#/subject for a
// list of subjects); an example that no longer validates would mislead implementers.
const DOC = readFileSync(join(__dirname, '..', 'docs', 'protocol.md'), 'utf8');
const EXAMPLE = /<!-- schema: ([a-z-]+)(#\/subject)? -->\s*```json\n([\s\S]*?)\n```/g;

const validators: Record<SchemaName, (value: unknown) => ValidationResult<unknown>> = {
  envelope: validateEnvelope,
  'request-payload': validateRequestPayload,
  'answer-payload': validateAnswerPayload,
  'hub-receipt': validateHubReceipt,
  'delivery-receipt': validateDeliveryReceipt,
  refusal: validateRefusal,
};

const examples = [...DOC.matchAll(EXAMPLE)].map((match, i) => ({ name: match[1] as SchemaName, subjects: match[2] !== undefined, json: match[3] ?? '', i }));

describe('docs/protocol.md', () => {
  it('has worked examples of every schema', () => {
    expect(new Set(examples.map((example) => example.name))).toEqual(new Set(Object.keys(validators)));
  });

  it.each(examples.map((example) => [`${example.i}: ${example.name}${example.subjects ? ' subjects' : ''}`, example]))('example %s is valid', (_label, example) => {
    const value = JSON.parse(example.json) as unknown;
    const documents = example.subjects ? (value as unknown[]).map((subject) => ({ ...exampleRequestPayload(), subject })) : [value];
    for (const document of documents) {
      const result = validators[example.name](document);
      expect(result.ok ? [] : result.errors).toEqual([]);
    }
  });
});
