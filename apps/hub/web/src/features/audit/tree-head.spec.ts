import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { verifyTreeHead } from './tree-head';

const head = { v: 1, kind: 'tree-head', treeSize: 7, rootHash: `sha256:${'ab'.repeat(32)}`, timestamp: '2026-12-01T06:00:00.000Z' };

async function hubKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } };
}

const sign = (payload: unknown, key: CryptoKey, kid: string, typ = 'cicu-tree-head+jws') =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', kid, typ }).sign(key);

describe('verifyTreeHead (in the browser, with the hub\'s JWK Set)', () => {
  it('gives the signed payload of a tree head signed by a hub key', async () => {
    const key = await hubKey('hub-1');
    expect(await verifyTreeHead(await sign(head, key.privateKey, 'hub-1'), { keys: [key.jwk] })).toEqual(head);
  });

  it('refuses another key, another typ, a changed payload and a payload that is not a tree head', async () => {
    const key = await hubKey('hub-1');
    const other = await hubKey('hub-1');
    const keys = { keys: [key.jwk] };
    expect(await verifyTreeHead(await sign(head, other.privateKey, 'hub-1'), keys)).toBeUndefined();
    expect(await verifyTreeHead(await sign(head, key.privateKey, 'hub-1', 'cicu-directory+jws'), keys)).toBeUndefined();
    expect(await verifyTreeHead(await sign({ ...head, extra: 1 }, key.privateKey, 'hub-1'), keys)).toBeUndefined();
    const [protectedPart, , signature] = (await sign(head, key.privateKey, 'hub-1')).split('.');
    const forged = Buffer.from(JSON.stringify({ ...head, treeSize: 8 })).toString('base64url');
    expect(await verifyTreeHead(`${protectedPart}.${forged}.${signature}`, keys)).toBeUndefined();
    expect(await verifyTreeHead('not a jws', keys)).toBeUndefined();
  });
});
