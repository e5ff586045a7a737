import { exampleAnswerEnvelope, exampleRequestEnvelope } from './testing/examples';
import { issuesOf } from './testing/issues';
import { REMOVE, withChange } from './testing/mutate';
import { validateEnvelope } from './validate';

const request = exampleRequestEnvelope();
const answer = exampleAnswerEnvelope();

describe('validateEnvelope', () => {
  it('accepts a request envelope and an answer envelope', () => {
    expect(validateEnvelope(request)).toEqual({ ok: true, value: request });
    expect(validateEnvelope(answer)).toEqual({ ok: true, value: answer });
  });

  it.each([
    ['a registry id that is a UUID', withChange(request, '/agreementId', '5f0c6a5e-2d3b-4c1a-9e8f-7a6b5c4d3e2f')],
    ['fraction digits in times', withChange(request, '/createdAt', '2025-01-15T09:30:00.123456Z')],
    ['a due date a millisecond after creation', withChange(request, '/dueAt', '2025-01-15T09:30:00.001Z')],
    ['every outcome code', withChange(answer, '/outcome', 'more-information-needed')],
    ['a request listing sealed attachments', withChange(request, '/attachments', [{ digest: request.payload.digest, size: 1200 }, { digest: request.payload.digest, size: 1 }])],
    ['an answer listing a sealed attachment', withChange(answer, '/attachments', [{ digest: answer.payload.digest, size: 4096 }])],
  ])('accepts %s', (_label, envelope) => expect(issuesOf(validateEnvelope(envelope))).toEqual([]));

  describe('cross-field rules by kind', () => {
    it.each([
      ['a request without its request fields', withChange(withChange(request, '/legalBasisId', REMOVE), '/requestType', REMOVE), [['/requestType', 'required'], ['/legalBasisId', 'required']]],
      ['a request with an inReplyTo', withChange(request, '/inReplyTo', answer.inReplyTo), [['', 'additionalProperties']]],
      ['an answer without inReplyTo', withChange(answer, '/inReplyTo', REMOVE), [['/inReplyTo', 'required']]],
      ['an answer without outcome', withChange(answer, '/outcome', REMOVE), [['/outcome', 'required']]],
      ['an answer carrying request fields', withChange(answer, '/legalBasisId', 'naples-ii-art-10'), [['', 'additionalProperties']]],
      ['a due date before creation', withChange(request, '/dueAt', '2025-01-15T09:29:59Z'), [['/dueAt', 'order']]],
      ['a due date equal to creation', withChange(request, '/dueAt', '2025-01-15T09:30:00.000Z'), [['/dueAt', 'order']]],
      ['a kind that is not an envelope kind', withChange(request, '/kind', 'hub-receipt'), [['/kind', 'enum']]],
      ['no kind', withChange(request, '/kind', REMOVE), [['/kind', 'required']]],
    ])('refuses %s', (_label, envelope, expected) => expect(issuesOf(validateEnvelope(envelope))).toEqual(expected));
  });

  it.each([
    ['another protocol version', withChange(request, '/v', 2), [['/v', 'const']]],
    ['a version as a string', withChange(request, '/v', '1'), [['/v', 'type'], ['/v', 'const']]],
    ['a UUIDv4 message id', withChange(request, '/id', '3b241101-e2bb-4255-8caf-4136c566a962'), [['/id', 'pattern']]],
    ['an upper-case message id', withChange(request, '/id', request.id.toUpperCase()), [['/id', 'pattern']]],
    ['a lower-case unit id', withChange(request, '/from', 'fr-cyberdouane'), [['/from', 'pattern']]],
    ['a unit id without country', withChange(request, '/to', 'ZIRE'), [['/to', 'pattern']]],
    ['a creation time with an offset', withChange(request, '/createdAt', '2025-01-15T10:30:00+01:00'), [['/createdAt', 'pattern']]],
    ['a JWE in JSON serialization', withChange(request, '/payload/jwe', '{"ciphertext":"abc"}'), [['/payload/jwe', 'pattern']]],
    ['a JWS (three segments) instead of a JWE', withChange(request, '/payload/jwe', 'eyJhbGciOiJFZERTQSJ9.e30.c2ln'), [['/payload/jwe', 'pattern']]],
    ['a JWE with an empty encrypted key (direct encryption)', withChange(request, '/payload/jwe', 'eyJh..aXY.Y3Q.dGFn'), [['/payload/jwe', 'pattern']]],
    ['an upper-case digest', withChange(request, '/payload/digest', request.payload.digest.toUpperCase()), [['/payload/digest', 'pattern']]],
    ['a digest without algorithm', withChange(request, '/payload/digest', request.payload.digest.slice(7)), [['/payload/digest', 'pattern']]],
    ['no payload', withChange(request, '/payload', REMOVE), [['/payload', 'required']]],
    ['an extra payload member', withChange(request, '/payload/alg', 'none'), [['/payload', 'additionalProperties']]],
    ['an unknown handling code', withChange(request, '/handlingCode', 'H4'), [['/handlingCode', 'enum']]],
    ['an empty attachment list (leave it out instead)', withChange(request, '/attachments', []), [['/attachments', 'minItems']]],
    ['a sealed attachment of no bytes', withChange(request, '/attachments', [{ digest: request.payload.digest, size: 0 }]), [['/attachments/0/size', 'minimum']]],
    ['a sealed attachment without digest', withChange(request, '/attachments', [{ size: 10 }]), [['/attachments/0/digest', 'required']]],
    ['a sealed attachment naming its file', withChange(request, '/attachments', [{ digest: request.payload.digest, size: 10, fileName: 'a.pdf' }]), [['/attachments/0', 'additionalProperties']]],
    ['more sealed attachments than a request may carry', withChange(request, '/attachments', Array.from({ length: 101 }, () => ({ digest: request.payload.digest, size: 10 }))), [['/attachments', 'maxItems']]],
    ['a registry id with spaces', withChange(request, '/legalBasisId', 'Naples II'), [['/legalBasisId', 'pattern']]],
  ])('refuses %s', (_label, envelope, expected) => expect(issuesOf(validateEnvelope(envelope))).toEqual(expected));
});
