import fc from 'fast-check';
import { AREAS, HANDLING_CODES, PRIORITIES } from './codes';
import { type RequestPayload } from './request-payload';
import { EXAMPLE_CONTROL_NUMBER } from './testing/examples';
import { validateRequestPayload } from './validate';

// Limits count code points and a grapheme can be several (emoji sequences): stay well below.
const text = (limit: number) => fc.string({ minLength: 1, maxLength: Math.floor(limit / 10), unit: 'grapheme' });
const timestamp = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .chain((date) => fc.constantFrom(date.toISOString(), date.toISOString().replace(/\.[0-9]{3}Z$/, 'Z')));
const registryId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,40}$/);

const ispRequest: fc.Arbitrary<RequestPayload> = fc.record(
  {
    nationalReference: text(200),
    area: fc.constantFrom(...AREAS),
    legalBasisId: registryId,
    agreementId: registryId,
    priority: fc.constantFrom(...PRIORITIES),
    dueAt: timestamp,
    handlingCode: fc.constantFrom(...HANDLING_CODES.filter((code) => code !== 'H3')),
    summaryOfFacts: text(2000),
    measureRequested: text(500),
    enquiriesMade: text(500),
    subject: fc.record(
      {
        type: fc.constant('ISP_SUBSCRIBER' as const),
        ip: fc.oneof(fc.ipV4(), fc.ipV6()),
        sourcePort: fc.integer({ min: 0, max: 65535 }),
        timestamp,
        provider: text(200),
      },
      { requiredKeys: ['type', 'ip', 'timestamp'] },
    ),
    attachments: fc.array(
      fc.record({
        fileName: fc.stringMatching(/^[A-Za-z0-9 ._()-]{1,100}$/),
        mediaType: fc.constantFrom('application/pdf', 'image/png', 'message/rfc822', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
        size: fc.integer({ min: 0, max: 2 ** 40 }),
        controlNumber: fc.constant(EXAMPLE_CONTROL_NUMBER),
      }),
      { maxLength: 5 },
    ),
  },
  { requiredKeys: ['nationalReference', 'area', 'legalBasisId', 'agreementId', 'priority', 'dueAt', 'handlingCode', 'summaryOfFacts', 'measureRequested', 'enquiriesMade', 'subject'] },
);

describe('validateRequestPayload (property)', () => {
  it('accepts every well-formed ISP subscriber request', () => {
    fc.assert(
      fc.property(ispRequest, (payload) => {
        const result = validateRequestPayload(payload);
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
      }),
      { numRuns: 200 },
    );
  });
});
