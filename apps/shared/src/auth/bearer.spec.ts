import { bearerToken, unverifiedJwsTyp } from './bearer';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bearerToken and unverifiedJwsTyp', () => {
  it('reads a Bearer token (scheme in any case) and nothing else', () => {
    expect(bearerToken({ headers: { authorization: 'bearer abc.def.ghi' } })).toBe('abc.def.ghi');
    expect(bearerToken({ headers: { authorization: 'Basic abc' } })).toBeUndefined();
    expect(bearerToken({ headers: {} })).toBeUndefined();
  });

  it('reads the typ of a compact JWS header, and undefined for anything that is not one', () => {
    expect(unverifiedJwsTyp(`${b64({ alg: 'EdDSA', typ: 'cicu-admin-token+jwt' })}.e30.sig`)).toBe('cicu-admin-token+jwt');
    for (const token of ['', 'not base64!.x.y', `${Buffer.from('not json').toString('base64url')}.x.y`, `${b64(null)}.x.y`, `${b64('typ')}.x.y`, `${'A'.repeat(2000)}.x.y`]) {
      expect(unverifiedJwsTyp(token)).toBeUndefined();
    }
  });
});
