import { randomBytes } from 'node:crypto';
import { controlNumber, encryptJwe, type GeneratedKeyPair, generateEncryptionKeyPair, generateSigningKeyPair, type PublicJwk, signJws } from '@cicu/crypto';
import { JWS_TYP, type RequestPayload, type RequestType } from '@cicu/protocol';
import { exampleRequestEnvelope, exampleRequestPayload } from '../../libs/protocol/src/testing/examples';

/** A node's key material as enrolment takes it: one Ed25519 signing key, one X25519 encryption key. */
export async function nodeKeys() {
  const [sig, enc] = await Promise.all([generateSigningKeyPair('Ed25519'), generateEncryptionKeyPair('X25519')]);
  return { sig, enc, jwks: { keys: [sig.publicJwk, enc.publicJwk] } };
}

/** A UUIDv7 (RFC 9562) whose timestamp is `atMs`: 48-bit ms time, version 7, variant 10, random rest. */
export function uuidv7(atMs: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(atMs, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const ascii = (text: string) => new TextEncoder().encode(text);

/**
 * The protocol's example request payload without its attachment metadata: a file a payload
 * names must travel sealed through the hub before the recipient acknowledges
 * (test/attachments.e2e-spec.ts), and the messages these helpers build carry none.
 */
export function requestPayloadWithoutFiles(type: RequestType = 'ISP_SUBSCRIBER'): Omit<RequestPayload, 'attachments'> {
  const { attachments: _files, ...payload } = exampleRequestPayload(type);
  return payload;
}

/**
 * A real request of the seed's FR–DE agreement (deploy/fixtures/directory.json), created at
 * `at`: its payload encrypted to `recipientEnc`, the envelope signed by `signer`.
 */
export async function signedRequest(options: { signer: GeneratedKeyPair; recipientEnc: PublicJwk; at: Date; from?: string; to?: string }): Promise<{ id: string; jws: string }> {
  const { signer, recipientEnc, at } = options;
  const routing = { area: 'medicines', legalBasisId: 'NAPLES-II-ART-10', agreementId: 'AGR-FR-DE-CICU', priority: 'urgent', dueAt: new Date(at.getTime() + 72 * 3_600_000).toISOString(), handlingCode: 'H1' } as const;
  const jwe = await encryptJwe(ascii(JSON.stringify({ ...requestPayloadWithoutFiles(), ...routing })), recipientEnc, { kid: recipientEnc.kid });
  const envelope = exampleRequestEnvelope({
    id: uuidv7(at.getTime()),
    createdAt: at.toISOString(),
    from: options.from ?? 'FR-CYBERDOUANE',
    to: options.to ?? 'DE-ZIRE',
    ...routing,
    payload: { jwe, digest: controlNumber(ascii(jwe)) },
  });
  const alg = signer.publicJwk.crv === 'P-256' ? 'ES256' : 'EdDSA';
  const jws = await signJws(ascii(JSON.stringify(envelope)), signer.privateJwk, { alg, kid: signer.kid, typ: JWS_TYP.request });
  return { id: envelope.id, jws };
}

/** A clock for CLOCK that stands still where a test sets it and moves only when told (never sleeping for time to pass). */
export class TestClock {
  private ms: number;

  constructor(start: Date = new Date()) {
    this.ms = start.getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  set(at: Date | number): void {
    this.ms = typeof at === 'number' ? at : at.getTime();
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A clock for CLOCK that runs with the system's, `shift` ahead of it: for apps whose jobs keep running while a test moves time. */
export class ShiftedClock {
  private shiftMs = 0;

  now(): Date {
    return new Date(Date.now() + this.shiftMs);
  }

  advance(ms: number): void {
    this.shiftMs += ms;
  }
}
