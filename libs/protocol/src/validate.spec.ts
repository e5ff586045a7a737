import { JWS_TYP } from './jose-profile';
import { exampleAnswerEnvelope, exampleDeliveryReceipt, exampleHubReceipt, exampleRefusal, exampleRequestEnvelope } from './testing/examples';
import { issuesOf } from './testing/issues';
import { validateJwsPayload } from './validate';

describe('validateJwsPayload', () => {
  it.each([
    [JWS_TYP.request, exampleRequestEnvelope()],
    [JWS_TYP.answer, exampleAnswerEnvelope()],
    [JWS_TYP['hub-receipt'], exampleHubReceipt()],
    [JWS_TYP['delivery-receipt'], exampleDeliveryReceipt()],
    [JWS_TYP.refusal, exampleRefusal()],
  ])('accepts a %s payload', (typ, payload) => expect(validateJwsPayload(typ, payload)).toEqual({ ok: true, value: payload }));

  it('refuses an answer signed as a request', () => {
    expect(issuesOf(validateJwsPayload(JWS_TYP.request, exampleAnswerEnvelope()))).toEqual([['/kind', 'typ']]);
  });

  it('refuses a receipt under another receipt typ', () => {
    expect(issuesOf(validateJwsPayload(JWS_TYP['delivery-receipt'], exampleHubReceipt()))).toEqual([
      ['/by', 'required'],
      ['', 'additionalProperties'],
      ['/kind', 'const'],
    ]);
  });

  it.each([['JWT'], ['application/cicu-request+jws'], ['CICU-REQUEST+JWS'], [undefined]])('refuses the typ %s', (typ) => {
    expect(issuesOf(validateJwsPayload(typ, exampleRequestEnvelope()))).toEqual([['', 'typ']]);
  });
});
