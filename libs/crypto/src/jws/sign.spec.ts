import { generateKeyPairSync } from 'node:crypto';
import { codeOf } from '../../test-vectors/jose-vectors';
import { generateEncryptionKeyPair } from '../keys/generate-encryption-key-pair';
import { generateSigningKeyPair } from '../keys/generate-signing-key-pair';
import type { GeneratedKeyPair } from '../keys/types';
import { signCompact } from './sign-compact';
import { signJws } from './sign';
import { verifyJws } from './verify';

let ed: GeneratedKeyPair;
let ec: GeneratedKeyPair;
beforeAll(async () => {
  [ed, ec] = await Promise.all([generateSigningKeyPair('Ed25519'), generateSigningKeyPair('P-256')]);
});
const headerOf = (compact: string) => Buffer.from(compact.split('.')[0] as string, 'base64url').toString();

describe('signJws', () => {
  it('writes the header as alg, kid, typ, then the extra members', async () => {
    const compact = await signJws(new Uint8Array([1, 2, 3]), ed.privateJwk, { alg: 'EdDSA', kid: ed.kid, typ: 'x+jws', extraHeader: { cty: 'json', v: 1 } });
    expect(headerOf(compact)).toBe(`{"alg":"EdDSA","kid":"${ed.kid}","typ":"x+jws","cty":"json","v":1}`);
    expect(Buffer.from(compact.split('.')[1] as string, 'base64url')).toEqual(Buffer.from([1, 2, 3]));
  });

  it('is deterministic for Ed25519 and encodes string payloads as UTF-8', async () => {
    const options = { alg: 'EdDSA' as const, kid: ed.kid, typ: 't' };
    expect(await signJws('€', ed.privateJwk, options)).toBe(await signJws(new TextEncoder().encode('€'), ed.privateJwk, options));
  });

  it('signs with KeyObjects too', async () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const compact = await signJws('x', key.privateKey, { alg: 'ES256', kid: 'k', typ: 't' });
    expect(await codeOf(() => verifyJws(compact, () => key.publicKey, { typ: 't' }))).toBe('OK');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an extra alg', { alg: 'none' }, 'JWS_HEADER_NOT_ALLOWED'],
    ['an extra kid', { kid: 'other' }, 'JWS_HEADER_NOT_ALLOWED'],
    ['an extra typ', { typ: 'other' }, 'JWS_HEADER_NOT_ALLOWED'],
    ['jwk', { jwk: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' } }, 'JWS_HEADER_NOT_ALLOWED'],
    ['x5c', { x5c: [] }, 'JWS_HEADER_NOT_ALLOWED'],
    ['b64', { b64: false }, 'JWS_HEADER_NOT_ALLOWED'],
    ['crit', { crit: ['exp'], exp: 1 }, 'JWS_CRIT_UNSUPPORTED'],
    ['a non-string cty', { cty: 1 }, 'JWS_MALFORMED'],
  ])('refuses to sign a header with %s', async (_why, extraHeader, code) => {
    expect(await codeOf(() => signJws('x', ed.privateJwk, { alg: 'EdDSA', kid: ed.kid, typ: 't', extraHeader }))).toBe(code);
  });

  it('refuses algorithms and keys outside the allow-list', async () => {
    expect(await codeOf(() => signJws('x', ed.privateJwk, { alg: 'HS256' as 'EdDSA', kid: 'k', typ: 't' }))).toBe('JWS_ALG_NOT_ALLOWED');
    expect(await codeOf(() => signJws('x', ed.privateJwk, { alg: 'ES256', kid: 'k', typ: 't' }))).toBe('KEY_TYPE_NOT_ALLOWED');
    expect(await codeOf(() => signJws('x', ec.privateJwk, { alg: 'EdDSA', kid: 'k', typ: 't' }))).toBe('KEY_TYPE_NOT_ALLOWED');
    const x = await generateEncryptionKeyPair('P-256');
    expect(await codeOf(() => signJws('x', x.privateJwk, { alg: 'ES256', kid: 'k', typ: 't' }))).toBe('KEY_TYPE_NOT_ALLOWED'); // an enc key
    expect(await codeOf(() => signJws('x', ed.publicJwk, { alg: 'EdDSA', kid: 'k', typ: 't' }))).toBe('KEY_INVALID');
    expect(await codeOf(() => signJws('x', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey, { alg: 'EdDSA', kid: 'k', typ: 't' }))).toBe('KEY_TYPE_NOT_ALLOWED');
  });

  it('refuses a missing kid or typ and a payload with a lone surrogate', async () => {
    expect(await codeOf(() => signJws('x', ed.privateJwk, { alg: 'EdDSA', kid: '', typ: 't' }))).toBe('JWS_KID_MISSING');
    expect(await codeOf(() => signJws('x', ed.privateJwk, { alg: 'EdDSA', kid: 'k', typ: '' }))).toBe('JWS_MALFORMED');
    expect(await codeOf(() => signJws('a\uD800b', ed.privateJwk, { alg: 'EdDSA', kid: 'k', typ: 't' }))).toBe('JWS_MALFORMED');
    expect(await codeOf(() => signJws('a\uD83D\uDD11b', ed.privateJwk, { alg: 'EdDSA', kid: 'k', typ: 't' }))).toBe('OK');
  });
});

describe('signCompact (low level)', () => {
  it('keeps the verifier\'s header rules', async () => {
    expect(await codeOf(() => signCompact(new Uint8Array(), ed.privateJwk, { alg: 'EdDSA', jku: 'https://x' }))).toBe('JWS_HEADER_NOT_ALLOWED');
    expect(await codeOf(() => signCompact(new Uint8Array(), ed.privateJwk, { alg: 'none' as 'EdDSA' }))).toBe('JWS_ALG_NOT_ALLOWED');
    expect(await codeOf(() => signCompact(new Uint8Array(), ed.privateJwk, [] as never))).toBe('JWS_MALFORMED');
    expect(await codeOf(() => signCompact('text' as never, ed.privateJwk, { alg: 'EdDSA' }))).toMatch(/^foreign TypeError/);
  });
});
