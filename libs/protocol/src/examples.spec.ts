import { createHash } from 'node:crypto';
import { EXAMPLE_CONTROL_NUMBER, EXAMPLE_JWE, EXAMPLE_JWE_DIGEST, EXAMPLE_REQUEST_ID, EXAMPLE_ANSWER_ID } from './testing/examples';
import { isUuidV7 } from './uuid';

describe('the worked examples', () => {
  it('carry the SHA-256 digest of the JWE string and of the attachment bytes', () => {
    expect(EXAMPLE_JWE_DIGEST).toBe(`sha256:${createHash('sha256').update(EXAMPLE_JWE, 'ascii').digest('hex')}`);
    expect(EXAMPLE_CONTROL_NUMBER).toBe(`sha256:${createHash('sha256').update('example attachment\n').digest('hex')}`);
  });

  it('use UUIDv7 ids', () => {
    expect(isUuidV7(EXAMPLE_REQUEST_ID) && isUuidV7(EXAMPLE_ANSWER_ID)).toBe(true);
  });

  it('use a JWE whose protected header follows the profile', () => {
    const header = JSON.parse(Buffer.from(EXAMPLE_JWE.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(header).toMatchObject({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', epk: { kty: 'OKP', crv: 'X25519' } });
    expect(Object.keys(header).sort()).toEqual(['alg', 'enc', 'epk', 'kid']);
  });
});
