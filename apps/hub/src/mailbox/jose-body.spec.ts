import { deliveryStatusOf } from '../common/hub-exception.filter';
import { compactJwsBody } from './jose-body';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'OK';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('compactJwsBody', () => {
  it('takes a compact JWS sent as application/jose, trimmed', () => {
    expect(compactJwsBody('application/jose; charset=utf-8', ' a.b.c\n', 100)).toBe('a.b.c');
  });

  it('refuses another media type, or a body the text parser did not read (BODY_INVALID)', () => {
    expect(codeOf(() => compactJwsBody('text/plain', 'a.b.c', 100))).toBe('BODY_INVALID');
    expect(codeOf(() => compactJwsBody(undefined, 'a.b.c', 100))).toBe('BODY_INVALID');
    expect(codeOf(() => compactJwsBody('application/jose', {}, 100))).toBe('BODY_INVALID');
  });

  it('refuses what is not one compact JWS, or too long (RECEIPT_INVALID)', () => {
    expect(codeOf(() => compactJwsBody('application/jose', 'a.b', 100))).toBe('RECEIPT_INVALID');
    expect(codeOf(() => compactJwsBody('application/jose', 'a.b.c.d.e', 100))).toBe('RECEIPT_INVALID');
    expect(codeOf(() => compactJwsBody('application/jose', `${'a'.repeat(100)}.b.c`, 100))).toBe('RECEIPT_INVALID');
  });
});

describe('deliveryStatusOf', () => {
  it('maps the caller\'s mistakes to 4xx: signature 401, unknown 404, malformed 400', () => {
    expect(deliveryStatusOf('RECEIPT_SIGNATURE_INVALID')).toBe(401);
    expect(deliveryStatusOf('MESSAGE_NOT_FOUND')).toBe(404);
    expect(deliveryStatusOf('RECEIPT_INVALID')).toBe(400);
    expect(deliveryStatusOf('RECEIPT_MISMATCH')).toBe(400);
  });
});
