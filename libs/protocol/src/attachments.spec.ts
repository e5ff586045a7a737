import { attachmentsOfPayload, checkSealedAttachmentCount } from './attachments';
import { EXAMPLE_CONTROL_NUMBER, exampleAnswerPayload, exampleRequestPayload } from './testing/examples';

const file = (fileName: string) => ({ fileName, mediaType: 'application/pdf', size: 19, controlNumber: EXAMPLE_CONTROL_NUMBER });

describe('attachmentsOfPayload', () => {
  it("lists a request's attachments in their order", () => {
    const payload = { ...exampleRequestPayload('ISP_SUBSCRIBER'), attachments: [file('a.pdf'), file('b.pdf')] };
    expect(attachmentsOfPayload(payload).map((a) => a.fileName)).toEqual(['a.pdf', 'b.pdf']);
  });

  it("lists an answer's own attachments first, then each finding's, finding by finding", () => {
    const base = exampleAnswerPayload('ISP_SUBSCRIBER');
    const finding = base.findings![0]!;
    const payload = { ...base, attachments: [file('own.pdf')], findings: [{ ...finding, attachments: [file('f0a.pdf'), file('f0b.pdf')] }, finding, { ...finding, attachments: [file('f2.pdf')] }] };
    expect(attachmentsOfPayload(payload).map((a) => a.fileName)).toEqual(['own.pdf', 'f0a.pdf', 'f0b.pdf', 'f2.pdf']);
  });

  it('is empty without attachments', () => {
    expect(attachmentsOfPayload(exampleAnswerPayload('ISP_SUBSCRIBER'))).toEqual([]);
  });
});

describe('checkSealedAttachmentCount', () => {
  const sealed = { digest: EXAMPLE_CONTROL_NUMBER, size: 100 };
  it('accepts one sealed copy per attachment, and none for none', () => {
    expect(checkSealedAttachmentCount([sealed, sealed], [file('a'), file('b')])).toEqual([]);
    expect(checkSealedAttachmentCount(undefined, [])).toEqual([]);
  });
  it.each([
    ['a file the envelope does not list', undefined, [file('a')]],
    ['a sealed blob the payload does not name', [sealed, sealed], [file('a')]],
  ])('refuses %s', (_what, list, files) => {
    expect(checkSealedAttachmentCount(list, files)).toEqual([{ path: '/attachments', code: 'mismatch', message: expect.any(String) }]);
  });
});
