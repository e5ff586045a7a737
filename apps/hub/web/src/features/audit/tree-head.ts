import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { parseTreeHeadPayload, TREE_HEAD_TYP, type TreeHeadPayload } from '../../../../../../libs/protocol/src/tree-head';

/** What the nodes accept from the hub: its Ed25519 signatures (libs/crypto's allow-list, without ES256 it does not use). */
const ALGORITHMS = ['EdDSA'];

/**
 * The payload of a signed tree head when its JWS verifies with a key of the hub's JWK Set, has
 * the tree-head typ and is exactly a tree head; else undefined. What the page shows of a tree
 * head comes from here, not from the response's unsigned members.
 */
export async function verifyTreeHead(jws: string, hubKeys: JSONWebKeySet): Promise<TreeHeadPayload | undefined> {
  try {
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(hubKeys), { algorithms: ALGORITHMS });
    if (protectedHeader.typ !== TREE_HEAD_TYP) return undefined;
    return parseTreeHeadPayload(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)));
  } catch {
    return undefined;
  }
}
