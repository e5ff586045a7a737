import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { controlNumber, createClientAssertion, encryptJwe, type GeneratedKeyPair, signJws } from '@cicu/crypto';
import { JWS_TYP, type RequestEnvelope } from '@cicu/protocol';
import { exampleRequestEnvelope } from '../../libs/protocol/src/testing/examples';
import { requestPayloadWithoutFiles } from './factories';

/** A node enrolled in a test hub, with its private keys. */
export interface KeyedNode {
  id: string;
  unitId: string;
  sig: GeneratedKeyPair;
  enc: GeneratedKeyPair;
}

const ascii = (text: string) => new TextEncoder().encode(text);

/**
 * A real request of `from` to `to` under the seed's FR–DE agreement (unless `envelope` says
 * otherwise): payload encrypted to `to`'s key, envelope signed by `from`'s signing key.
 */
export async function signedRequest(from: KeyedNode, to: KeyedNode, envelope: Partial<RequestEnvelope> = {}): Promise<{ id: string; jws: string; digest: string }> {
  const now = Date.now();
  const routing = { area: 'medicines', legalBasisId: 'NAPLES-II-ART-10', agreementId: 'AGR-FR-DE-CICU', priority: 'urgent', dueAt: new Date(now + 72 * 3_600_000).toISOString(), handlingCode: 'H1' } as const;
  const jwe = await encryptJwe(ascii(JSON.stringify({ ...requestPayloadWithoutFiles(), ...routing })), to.enc.publicJwk, { kid: to.enc.kid });
  const digest = controlNumber(ascii(jwe));
  const full = exampleRequestEnvelope({ id: uuidv7(), from: from.unitId, to: to.unitId, createdAt: new Date(now).toISOString(), requestType: 'ISP_SUBSCRIBER', ...routing, payload: { jwe, digest }, ...envelope });
  const jws = await signJws(ascii(JSON.stringify(full)), from.sig.privateJwk, { alg: 'EdDSA', kid: from.sig.kid, typ: JWS_TYP.request });
  return { id: full.id, jws, digest };
}

/** A fresh client assertion of `node` for a hub whose HUB_AUDIENCE is `audience`. */
export function assertionOf(node: KeyedNode, audience: string): Promise<string> {
  return createClientAssertion({ iss: node.id, aud: audience, privateKey: node.sig.privateJwk, kid: node.sig.kid, alg: 'EdDSA', ttlSeconds: 30 });
}

/** POST /v1/messages as `node`; the body as text (a receipt JWS or a JSON refusal). */
export async function submit(app: INestApplication, node: KeyedNode, audience: string, jws: string): Promise<{ status: number; text: string; code?: string }> {
  const res = await request(app.getHttpServer())
    .post('/v1/messages')
    .set('Authorization', `Bearer ${await assertionOf(node, audience)}`)
    .set('Content-Type', 'application/jose')
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    })
    .send(jws);
  const text = res.body as string;
  const code = res.status === 202 ? undefined : (JSON.parse(text) as { code?: string }).code;
  return { status: res.status, text, ...(code !== undefined && { code }) };
}
