import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { codeOf } from '../../test-vectors/jose-vectors';
import { generateEncryptionKeyPair } from '../keys/generate-encryption-key-pair';
import { generateSigningKeyPair } from '../keys/generate-signing-key-pair';
import type { EncryptionKeyType } from '../keys/types';
import { decryptJwe } from './decrypt';
import { encryptJwe } from './encrypt';

const headerOf = (compact: string) => JSON.parse(Buffer.from(compact.split('.')[0] as string, 'base64url').toString()) as Record<string, unknown>;

describe('encryptJwe', () => {
  it.each<[EncryptionKeyType, string]>([
    ['X25519', 'OKP'],
    ['P-256', 'EC'],
  ])('encrypts to a %s key with ECDH-ES+A256KW / A256GCM and a fresh epk', async (type, kty) => {
    const recipient = await generateEncryptionKeyPair(type);
    const plaintext = new TextEncoder().encode('secret request');
    const a = await encryptJwe(plaintext, recipient.publicJwk, { kid: recipient.kid, cty: 'json', typ: 'cicu-payload+jwe' });
    const b = await encryptJwe(plaintext, recipient.publicJwk);
    expect(headerOf(a)).toEqual({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: recipient.kid, cty: 'json', typ: 'cicu-payload+jwe', epk: expect.objectContaining({ kty, crv: type }) });
    expect(headerOf(b)).toEqual({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', epk: expect.any(Object) });
    expect(headerOf(a).epk).not.toEqual(headerOf(b).epk);
    expect(headerOf(a).epk).not.toHaveProperty('d');
    const opened = await decryptJwe(a, recipient.privateJwk);
    expect(new TextDecoder().decode(opened.plaintext)).toBe('secret request');
    expect(opened.header).toEqual(headerOf(a));
  });

  it('round-trips an empty plaintext and works with KeyObjects', async () => {
    const pair = generateKeyPairSync('x25519');
    const compact = await encryptJwe(new Uint8Array(), pair.publicKey);
    expect((await decryptJwe(compact, pair.privateKey)).plaintext).toHaveLength(0);
    const recipient = await generateEncryptionKeyPair('P-256');
    const viaKeyObject = await encryptJwe(new Uint8Array([7]), createPublicKey({ key: recipient.publicJwk, format: 'jwk' }));
    expect((await decryptJwe(viaKeyObject, createPrivateKey({ key: recipient.privateJwk, format: 'jwk' }))).plaintext).toEqual(new Uint8Array([7]));
  });

  it('refuses recipient keys that are not X25519 / P-256 encryption public keys', async () => {
    const sig = await generateSigningKeyPair('Ed25519');
    const ecSig = await generateSigningKeyPair('P-256');
    const enc = await generateEncryptionKeyPair('X25519');
    expect(await codeOf(() => encryptJwe(new Uint8Array(1), sig.publicJwk))).toBe('KEY_TYPE_NOT_ALLOWED');
    expect(await codeOf(() => encryptJwe(new Uint8Array(1), ecSig.publicJwk))).toBe('KEY_TYPE_NOT_ALLOWED'); // use: sig
    expect(await codeOf(() => encryptJwe(new Uint8Array(1), enc.privateJwk))).toBe('KEY_INVALID');
    expect(await codeOf(() => encryptJwe(new Uint8Array(1), generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey))).toBe('KEY_TYPE_NOT_ALLOWED');
    expect(await codeOf(() => encryptJwe(new Uint8Array(1), { ...enc.publicJwk, alg: 'ECDH-ES' }))).toBe('KEY_TYPE_NOT_ALLOWED');
  });

  it('rejects caller mistakes as TypeErrors', async () => {
    const enc = await generateEncryptionKeyPair('X25519');
    expect(await codeOf(() => encryptJwe('text' as unknown as Uint8Array, enc.publicJwk))).toMatch(/^foreign TypeError/);
    expect(await codeOf(() => encryptJwe(new Uint8Array(1), enc.publicJwk, { kid: '' }))).toMatch(/^foreign TypeError/);
  });
});
