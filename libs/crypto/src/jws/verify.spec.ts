import { createPublicKey, generateKeyPairSync, sign, webcrypto, type KeyObject } from 'node:crypto';
import { codeOf } from '../../test-vectors/jose-vectors';
import { generateEncryptionKeyPair } from '../keys/generate-encryption-key-pair';
import { generateSigningKeyPair } from '../keys/generate-signing-key-pair';
import type { GeneratedKeyPair, JwsAlgorithm } from '../keys/types';
import { signJws } from './sign';
import { DEFAULT_JWS_MAX_BYTES } from './types';
import { verifyJws } from './verify';

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const toBytes = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');

let ed: GeneratedKeyPair;
let ec: GeneratedKeyPair;
beforeAll(async () => {
  [ed, ec] = await Promise.all([generateSigningKeyPair('Ed25519'), generateSigningKeyPair('P-256')]);
});

const TYP = 'cicu-request+jws';
const pairFor = (alg: JwsAlgorithm) => (alg === 'EdDSA' ? ed : ec);

/**
 * Signs an arbitrary header with node:crypto, bypassing signJws's own header rules, so every
 * refusal below is a refusal of a correctly signed token: only the checked rule can refuse it.
 */
function forge(header: Record<string, unknown> | string, payload = 'hello', alg: JwsAlgorithm = 'EdDSA', encoding: 'ieee-p1363' | 'der' = 'ieee-p1363'): string {
  const input = `${b64(typeof header === 'string' ? header : JSON.stringify(header))}.${b64(payload)}`;
  const key = { key: pairFor(alg).privateJwk, format: 'jwk' as const, dsaEncoding: encoding };
  return `${input}.${b64(sign(alg === 'EdDSA' ? null : 'sha256', Buffer.from(input), key))}`;
}
const good = (extra: Record<string, unknown> = {}, alg: JwsAlgorithm = 'EdDSA') => forge({ alg, kid: pairFor(alg).kid, typ: TYP, ...extra }, 'hello', alg);

function resolver() {
  return jest.fn((kid: string) => [ed, ec].find((p) => p.kid === kid)?.publicJwk);
}

async function refusal(compact: string, options: Partial<Parameters<typeof verifyJws>[2]> = {}, resolve = resolver()) {
  const code = await codeOf(() => verifyJws(compact, resolve, { typ: TYP, ...options }));
  return { code, resolverCalled: resolve.mock.calls.length > 0 };
}

describe('verifyJws', () => {
  it.each<JwsAlgorithm>(['EdDSA', 'ES256'])('verifies a %s token and returns header, payload and kid', async (alg) => {
    const compact = await signJws('héllo', pairFor(alg).privateJwk, { alg, kid: pairFor(alg).kid, typ: TYP, extraHeader: { cty: 'json' } });
    const result = await verifyJws(compact, resolver(), { typ: TYP });
    expect(result.kid).toBe(pairFor(alg).kid);
    expect(result.header).toEqual({ alg, kid: pairFor(alg).kid, typ: TYP, cty: 'json' });
    expect(new TextDecoder().decode(result.payload)).toBe('héllo');
  });

  it('accepts an async resolver and KeyObject / CryptoKey keys', async () => {
    const compact = good();
    const keyObject = generateKeyPairSync('ed25519');
    expect(await codeOf(() => verifyJws(compact, async () => Promise.resolve(ed.publicJwk), { typ: TYP }))).toBe('OK');
    const other = forge({ alg: 'EdDSA', kid: 'k', typ: TYP });
    expect(await codeOf(() => verifyJws(other, () => keyObject.publicKey, { typ: TYP }))).toBe('JWS_SIGNATURE_INVALID');
    const keyObject2 = createPublicKey({ key: ed.publicJwk, format: 'jwk' });
    expect(await codeOf(() => verifyJws(compact, () => keyObject2, { typ: TYP }))).toBe('OK');
    const cryptoKey = await webcrypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: ed.publicJwk.x }, { name: 'Ed25519' }, false, ['verify']);
    expect(await codeOf(() => verifyJws(compact, () => cryptoKey, { typ: TYP }))).toBe('OK');
  });

  it('accepts an empty payload', async () => {
    expect(await codeOf(() => verifyJws(forge({ alg: 'EdDSA', kid: ed.kid, typ: TYP }, ''), resolver(), { typ: TYP }))).toBe('OK');
  });

  describe('refuses before looking up any key', () => {
    it('oversize input (JWS_TOO_LARGE), default 256 KiB and custom', async () => {
      const big = forge({ alg: 'EdDSA', kid: ed.kid, typ: TYP }, 'x'.repeat(DEFAULT_JWS_MAX_BYTES));
      expect(await refusal(big)).toEqual({ code: 'JWS_TOO_LARGE', resolverCalled: false });
      expect(await refusal(big, { maxBytes: big.length })).toEqual({ code: 'OK', resolverCalled: true });
      expect(await refusal(good(), { maxBytes: 50 })).toEqual({ code: 'JWS_TOO_LARGE', resolverCalled: false });
    });

    it.each<[string, () => string]>([
      ['two segments', () => good().split('.').slice(0, 2).join('.')],
      ['four segments', () => `${good()}.`],
      ['an empty string', () => ''],
      ['padding in the header', () => good().replace('.', '=.')],
      ['a "+" in the payload', () => { const [h, , s] = good().split('.'); return `${h}.ab+c.${s}`; }],
      ['whitespace', () => ` ${good()}`],
      ['non-zero trailing bits in the signature', () => { const c = good(); return c.slice(0, -1) + B64[B64.indexOf(c.at(-1) as string) | 1]; }],
      ['a header that is a JSON array', () => forge('["EdDSA"]')],
      ['a header that is not JSON', () => forge('{alg:EdDSA}')],
      ['a header in invalid UTF-8', () => { const [, p, s] = good().split('.'); return `${b64(Buffer.from([0x7b, 0xff, 0x7d]))}.${p}.${s}`; }],
      ['a duplicate alg', () => forge(`{"alg":"EdDSA","kid":"${ed.kid}","typ":"${TYP}","alg":"EdDSA"}`)],
      ['a duplicate kid spelled with an escape', () => forge(`{"alg":"EdDSA","kid":"${ed.kid}","typ":"${TYP}","\\u006bid":"x"}`)],
      ['a missing alg', () => forge({ kid: ed.kid, typ: TYP })],
      ['a numeric alg', () => forge({ alg: 1, kid: ed.kid, typ: TYP })],
      ['a numeric kid', () => forge({ alg: 'EdDSA', kid: 1, typ: TYP })],
      ['a numeric typ', () => forge({ alg: 'EdDSA', kid: ed.kid, typ: 1 })],
      ['a non-string cty', () => good({ cty: ['json'] })],
    ])('JWS_MALFORMED: %s', async (_why, make) => {
      expect(await refusal(make())).toEqual({ code: 'JWS_MALFORMED', resolverCalled: false });
    });

    it('JWS_MALFORMED: a non-string input', async () => {
      expect(await codeOf(() => verifyJws(42 as unknown as string, resolver(), { typ: TYP }))).toBe('JWS_MALFORMED');
    });

    it.each(['none', 'None', 'NONE', 'nOnE', 'HS256', 'HS384', 'HS512', 'RS256', 'RS512', 'PS256', 'PS512', 'ES384', 'ES512', 'ES256K', 'Ed25519', 'Ed448', 'eddsa', 'es256', 'EdDSA ', ''])(
      'JWS_ALG_NOT_ALLOWED: alg %p',
      async (alg) => {
        expect(await refusal(good({ alg }))).toEqual({ code: 'JWS_ALG_NOT_ALLOWED', resolverCalled: false });
      },
    );

    it('JWS_ALG_NOT_ALLOWED: "none" with an empty signature', async () => {
      const token = `${b64(JSON.stringify({ alg: 'none', kid: ed.kid, typ: TYP }))}.${b64('hello')}.`;
      expect(await refusal(token)).toEqual({ code: 'JWS_ALG_NOT_ALLOWED', resolverCalled: false });
    });

    it('JWS_ALG_NOT_ALLOWED: an allowed alg outside the caller\'s algorithms option', async () => {
      expect(await refusal(good(), { algorithms: ['ES256'] })).toEqual({ code: 'JWS_ALG_NOT_ALLOWED', resolverCalled: false });
      expect(await refusal(good({}, 'ES256'), { algorithms: ['EdDSA'] })).toEqual({ code: 'JWS_ALG_NOT_ALLOWED', resolverCalled: false });
      expect(await refusal(good({}, 'ES256'), { algorithms: ['ES256'] })).toEqual({ code: 'OK', resolverCalled: true });
    });

    it.each<[string, unknown]>([
      ['an unknown extension', ['exp']],
      ['b64', ['b64']],
      ['an empty list', []],
      ['a malformed value', 'exp'],
      ['null', null],
    ])('JWS_CRIT_UNSUPPORTED: crit with %s', async (_why, crit) => {
      expect(await refusal(good({ crit, exp: 1 }))).toEqual({ code: 'JWS_CRIT_UNSUPPORTED', resolverCalled: false });
    });

    it.each<[string, unknown]>([
      ['jwk', { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }],
      ['jku', 'https://attacker.example/jwks.json'],
      ['x5u', 'https://attacker.example/cert.pem'],
      ['x5c', ['MIIB']],
      ['x5t', 'AAAA'],
      ['x5t#S256', 'AAAA'],
      ['b64', true],
    ])('JWS_HEADER_NOT_ALLOWED: %s', async (name, value) => {
      expect(await refusal(good({ [name]: value }))).toEqual({ code: 'JWS_HEADER_NOT_ALLOWED', resolverCalled: false });
    });

    it.each<[string, Record<string, unknown>]>([
      ['missing', { typ: undefined }],
      ['different', { typ: 'cicu-answer+jws' }],
      ['different in case', { typ: 'CICU-REQUEST+JWS' }],
      ['with an application/ prefix', { typ: `application/${TYP}` }],
      ['empty', { typ: '' }],
    ])('JWS_TYP_MISMATCH: typ %s', async (_why, extra) => {
      expect(await refusal(good(extra))).toEqual({ code: 'JWS_TYP_MISMATCH', resolverCalled: false });
    });

    it.each<[string, Record<string, unknown>]>([
      ['missing', { kid: undefined }],
      ['empty', { kid: '' }],
    ])('JWS_KID_MISSING: kid %s', async (_why, extra) => {
      expect(await refusal(good(extra))).toEqual({ code: 'JWS_KID_MISSING', resolverCalled: false });
    });

    it('JWS_SIGNATURE_NONCANONICAL: an ES256 signature in DER', async () => {
      const der = forge({ alg: 'ES256', kid: ec.kid, typ: TYP }, 'hello', 'ES256', 'der');
      expect(await refusal(der)).toEqual({ code: 'JWS_SIGNATURE_NONCANONICAL', resolverCalled: false });
    });

    it.each<[string, bigint, bigint]>([
      ['r = 0', 0n, 1n],
      ['s = 0', 1n, 0n],
      ['r = n', P256_N, 1n],
      ['s = n', 1n, P256_N],
      ['s = 2^256 - 1', 1n, 2n ** 256n - 1n],
    ])('JWS_SIGNATURE_NONCANONICAL: ES256 with %s', async (_why, r, s) => {
      const [h, p] = good({}, 'ES256').split('.');
      expect(await refusal(`${h}.${p}.${b64(Buffer.concat([toBytes(r), toBytes(s)]))}`)).toEqual({ code: 'JWS_SIGNATURE_NONCANONICAL', resolverCalled: false });
    });

    it('JWS_SIGNATURE_NONCANONICAL: EdDSA with S + L (the same signature, malleated)', async () => {
      const [h, p, s] = good().split('.') as [string, string, string];
      const sig = Buffer.from(s, 'base64url');
      const scalar = BigInt(`0x${Buffer.from(sig.subarray(32)).reverse().toString('hex')}`) + L;
      const malleated = Buffer.concat([sig.subarray(0, 32), toBytes(scalar).reverse()]);
      expect(await refusal(`${h}.${p}.${b64(malleated)}`)).toEqual({ code: 'JWS_SIGNATURE_NONCANONICAL', resolverCalled: false });
    });

    it.each([0, 63, 65, 96])('JWS_SIGNATURE_NONCANONICAL: a %i-byte EdDSA signature', async (length) => {
      const [h, p, s] = good().split('.') as [string, string, string];
      const sig = Buffer.alloc(length);
      Buffer.from(s, 'base64url').copy(sig);
      expect(await refusal(`${h}.${p}.${b64(sig)}`)).toEqual({ code: 'JWS_SIGNATURE_NONCANONICAL', resolverCalled: false });
    });
  });

  describe('refuses after the key lookup', () => {
    it('JWS_KID_UNKNOWN when the resolver has no key', async () => {
      const resolve = jest.fn((_kid: string) => undefined);
      expect(await refusal(good(), {}, resolve)).toEqual({ code: 'JWS_KID_UNKNOWN', resolverCalled: true });
      expect(resolve).toHaveBeenCalledWith(ed.kid);
    });

    it('KEY_TYPE_NOT_ALLOWED when the key does not fit alg', async () => {
      const x = await generateEncryptionKeyPair('X25519');
      const cases: [string, unknown][] = [
        [good(), ec.publicJwk], // EdDSA token, P-256 key
        [good({}, 'ES256'), ed.publicJwk], // ES256 token, Ed25519 key
        [good(), x.publicJwk], // X25519 key
        [good({}, 'ES256'), { ...ec.publicJwk, use: 'enc', alg: undefined }], // a P-256 key published for encryption
        [good({}, 'ES256'), { ...ec.publicJwk, alg: 'ES384' }],
        [good(), generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey],
      ];
      for (const [token, key] of cases) {
        expect(await codeOf(() => verifyJws(token, () => key as KeyObject, { typ: TYP }))).toBe('KEY_TYPE_NOT_ALLOWED');
      }
    });

    it('KEY_INVALID when the resolver hands over a private key or a broken JWK', async () => {
      expect(await codeOf(() => verifyJws(good(), () => ed.privateJwk, { typ: TYP }))).toBe('KEY_INVALID');
      expect(await codeOf(() => verifyJws(good(), () => ({ ...ed.publicJwk, x: 'AAAA' }), { typ: TYP }))).toBe('KEY_INVALID');
    });

    it.each<JwsAlgorithm>(['EdDSA', 'ES256'])('JWS_SIGNATURE_INVALID for %s with another key of the right type', async (alg) => {
      const other = await generateSigningKeyPair(alg === 'EdDSA' ? 'Ed25519' : 'P-256');
      expect(await codeOf(() => verifyJws(good({}, alg), () => other.publicJwk, { typ: TYP }))).toBe('JWS_SIGNATURE_INVALID');
    });

    it('JWS_SIGNATURE_INVALID for a changed header member that is otherwise acceptable', async () => {
      const [, p, s] = good({ cty: 'a' }).split('.');
      const header = b64(JSON.stringify({ alg: 'EdDSA', kid: ed.kid, typ: TYP, cty: 'b' }));
      expect(await codeOf(() => verifyJws(`${header}.${p}.${s}`, resolver(), { typ: TYP }))).toBe('JWS_SIGNATURE_INVALID');
    });

    it('propagates resolver failures unchanged', async () => {
      const failure = new Error('directory unavailable');
      await expect(verifyJws(good(), () => { throw failure; }, { typ: TYP })).rejects.toBe(failure);
    });
  });

  it('accepts a high-S ES256 signature (documented choice: low-S is not required)', async () => {
    const [h, p, s] = good({}, 'ES256').split('.') as [string, string, string];
    const sig = Buffer.from(s, 'base64url');
    const flipped = P256_N - BigInt(`0x${sig.subarray(32).toString('hex')}`);
    const other = `${h}.${p}.${b64(Buffer.concat([sig.subarray(0, 32), toBytes(flipped)]))}`;
    expect(await codeOf(() => verifyJws(`${h}.${p}.${s}`, resolver(), { typ: TYP }))).toBe('OK');
    expect(await codeOf(() => verifyJws(other, resolver(), { typ: TYP }))).toBe('OK');
  });

  it('rejects caller mistakes in the options as TypeErrors', async () => {
    expect(await codeOf(() => verifyJws(good(), resolver(), { typ: '' }))).toMatch(/^foreign TypeError/);
    expect(await codeOf(() => verifyJws(good(), resolver(), { typ: TYP, algorithms: ['HS256' as JwsAlgorithm] }))).toMatch(/^foreign TypeError/);
    expect(await codeOf(() => verifyJws(good(), resolver(), { typ: TYP, algorithms: [] }))).toMatch(/^foreign TypeError/);
    expect(await codeOf(() => verifyJws(good(), resolver(), { typ: TYP, maxBytes: 0 }))).toMatch(/^foreign TypeError/);
  });
});
