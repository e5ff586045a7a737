import fc from 'fast-check';
import { ISSUE_CODES, MAX_ISSUES } from './issues';
import {
  exampleAnswerPayload,
  exampleDeliveryReceipt,
  exampleHubReceipt,
  exampleRefusal,
  exampleRequestEnvelope,
  exampleRequestPayload,
} from './testing/examples';
import { withChange } from './testing/mutate';
import {
  validateAnswerPayload,
  validateDeliveryReceipt,
  validateEnvelope,
  validateHubReceipt,
  validateRefusal,
  validateRequestPayload,
  type ValidationResult,
} from './validate';

// Stands for personal data: it must never come back in an issue (logs, refusals, audit).
const CANARY = 'Canary-Jane-Doe-1975-04-01';

const cases: Array<[string, unknown, (value: unknown) => ValidationResult<unknown>]> = [
  ['request payload', exampleRequestPayload('PAYMENT_ACCOUNT'), validateRequestPayload],
  ['request payload', exampleRequestPayload('OSINT_BACKGROUND'), validateRequestPayload],
  ['answer payload', exampleAnswerPayload('EMAIL_ACCOUNT'), validateAnswerPayload],
  ['envelope', exampleRequestEnvelope(), validateEnvelope],
  ['hub receipt', exampleHubReceipt(), validateHubReceipt],
  ['delivery receipt', exampleDeliveryReceipt(), validateDeliveryReceipt],
  ['refusal', exampleRefusal(), validateRefusal],
];

/** JSON Pointers of every member and item of a document, the root included (objects and arrays only with `containers`). */
function pointers(value: unknown, at = '', containers = false): string[] {
  if (typeof value !== 'object' || value === null) return containers ? [] : [at];
  const children = Object.entries(value).flatMap(([key, child]) => pointers(child, `${at}/${key}`, containers));
  return [at, ...children];
}

function leak(result: ValidationResult<unknown>): boolean {
  return JSON.stringify(result.ok ? [] : result.errors).includes(CANARY.slice(0, 12));
}

describe('validation issues', () => {
  it.each([
    ['an enum value', '/area', CANARY],
    ['a pattern-checked value', '/legalBasisId', `${CANARY}!`],
    ['a format-checked value', '/subject/iban', CANARY],
    ['a value of the wrong type', '/priority', { name: CANARY }],
    ['a discriminator value', '/subject/type', CANARY],
    ['an overlong text', '/summaryOfFacts', CANARY.repeat(1000)],
    ['an extra member name', `/subject/${CANARY}`, CANARY],
    ['an extra top-level member name', `/${CANARY}`, { [CANARY]: CANARY }],
    ['an array item', '/attachments/0', CANARY],
  ])('never repeat the input: %s', (_label, pointer, value) => {
    const result = validateRequestPayload(withChange(exampleRequestPayload('PAYMENT_ACCOUNT'), pointer, value));
    expect(result.ok).toBe(false);
    expect(leak(result)).toBe(false);
  });

  it('never repeat the input, wherever it is put in any message (property)', () => {
    const arbitrary = fc.constantFrom(...cases).chain(([name, document, validate]) =>
      fc.record({
        name: fc.constant(name),
        document: fc.constant(document),
        validate: fc.constant(validate),
        pointer: fc.constantFrom(...pointers(document)),
        container: fc.constantFrom(...pointers(document, '', true)),
        mode: fc.constantFrom('replace', 'add-member', 'wrap'),
      }),
    );
    fc.assert(
      fc.property(arbitrary, ({ document, validate, pointer, container, mode }) => {
        const changed =
          mode === 'replace'
            ? withChange(document, pointer, CANARY)
            : mode === 'wrap'
              ? withChange(document, pointer, [CANARY, { [CANARY]: CANARY }])
              : withChange(document, `${container}/${CANARY}`, CANARY);
        const result = validate(changed);
        return !leak(result) && (result.ok || result.errors.every((issue) => typeof issue.message === 'string'));
      }),
      { numRuns: 300 },
    );
  });

  it('stop at MAX_ISSUES for a hostile document', () => {
    const hostile = withChange(
      exampleRequestPayload('ISP_SUBSCRIBER'),
      '/attachments',
      Array.from({ length: 5000 }, () => ({ fileName: 1, mediaType: 2, size: 'x', controlNumber: null, extra: true })),
    );
    const result = validateRequestPayload(hostile);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(MAX_ISSUES);
  });

  it('use only the documented codes', () => {
    const documents = cases.flatMap(([, document, validate]) =>
      pointers(document).flatMap((pointer) => [withChange(document, pointer, CANARY), withChange(document, pointer, -1), withChange(document, pointer, {})].map((changed) => validate(changed))),
    );
    const codes = new Set(documents.flatMap((result) => (result.ok ? [] : result.errors.map((issue) => issue.code))));
    expect([...codes].filter((code) => !(ISSUE_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  it('are JSON Pointers into the document', () => {
    const result = validateEnvelope(withChange(exampleRequestEnvelope(), '/payload/digest', 'sha1:00'));
    expect(result).toEqual({ ok: false, errors: [{ path: '/payload/digest', code: 'pattern', message: expect.stringContaining('must match the pattern') }] });
  });
});
