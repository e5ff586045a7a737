import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { CLIENT_ASSERTION_TYP, canonicalJson, controlNumber } from '@cicu/crypto';
import { SHARING_ACTION_TYP, type SharingActionClaims, type SharingActionName } from '@cicu/protocol';
import { KeyringService } from '@cicu/shared';
import { type Exchange, type Unit } from './exchange';

export interface ActingOfficer {
  id: string;
  displayName: string;
}

/**
 * Calls the hub as a node does for its officers, with that node's own keys: a client assertion
 * for the call and, for writes, the officer's action signed over the content. For tests of the
 * hub's routes (refusals a node would never send included); the nodes' own routes do the same.
 */
export class HubAsNode {
  constructor(
    private readonly exchange: Exchange,
    readonly unit: Unit,
  ) {}

  private get keyring(): KeyringService {
    return this.exchange.apps[this.unit]!.get(KeyringService);
  }

  async authorization(): Promise<string> {
    const assertion = await this.keyring.createAssertion({ iss: this.exchange.nodeIds[this.unit], aud: this.exchange.audience, typ: CLIENT_ASSERTION_TYP, ttlSeconds: 30 });
    return `Bearer ${assertion}`;
  }

  /** The signed action of `officer` over `content`; `claims` replaces members (for refusal tests). */
  async action(officer: ActingOfficer, action: SharingActionName, content: unknown, claims: Partial<SharingActionClaims> = {}): Promise<string> {
    const payload: SharingActionClaims = {
      v: 1,
      kind: 'sharing-action',
      action,
      officer,
      unit: this.unit,
      digest: controlNumber(new TextEncoder().encode(canonicalJson(content))),
      iat: Math.floor(Date.now() / 1000),
      jti: randomBytes(18).toString('base64url'),
      ...claims,
    };
    return this.keyring.sign(payload, SHARING_ACTION_TYP);
  }

  async get(path: string) {
    return request(this.exchange.url('hub')).get(path).set('Authorization', await this.authorization());
  }

  /** POSTs `{action, content}` with a fresh action of `officer` over `content`. */
  async act(path: string, officer: ActingOfficer, action: SharingActionName, content: unknown) {
    return this.post(path, { action: await this.action(officer, action, content), content });
  }

  async post(path: string, body: unknown) {
    return request(this.exchange.url('hub')).post(path).set('Authorization', await this.authorization()).send(body as object);
  }

  async put(path: string, body: unknown) {
    return request(this.exchange.url('hub')).put(path).set('Authorization', await this.authorization()).send(body as object);
  }
}
