import { decomposeInclusionProof } from '../../../../../../libs/crypto/src/merkle/tree-math';

/**
 * RFC 9162 §2.1.3.2 inclusion proof verification in the browser, with WebCrypto's SHA-256:
 * the auditor's browser recomputes the root from the entry it was shown and compares it with
 * the root of a signed tree head, trusting neither the page nor the hub's word for it. The
 * index arithmetic is libs/crypto's (the same as the hub's and the nodes' verifier); only the
 * hashing differs, because node:crypto is not in a browser and WebCrypto is asynchronous.
 */

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** SHA-256(0x00 || UTF-8 of the entry): the leaf hash of a log entry as the hub stored it. */
export function leafHash(canonical: string): Promise<Uint8Array> {
  const data = new TextEncoder().encode(canonical);
  const input = new Uint8Array(data.length + 1);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return sha256(input);
}

function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  const input = new Uint8Array(65);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 33);
  return sha256(input);
}

export function fromHex(hex: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) return undefined;
  return Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const isHash = (value: Uint8Array | undefined): value is Uint8Array => value?.length === 32;

/**
 * True iff `proof` shows that the leaf hashed `leaf` is entry `index` of the tree of `treeSize`
 * entries whose root is `root`. Anything malformed (a hash that is not 32 bytes, an index
 * outside the tree, a proof of the wrong length) is false, never an exception.
 */
export async function verifyInclusion(leaf: Uint8Array, index: number, treeSize: number, proof: readonly Uint8Array[], root: Uint8Array): Promise<boolean> {
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  const position = BigInt(index);
  const { inner, border } = decomposeInclusionProof(position, BigInt(treeSize));
  if (proof.length !== inner + border) return false;
  let hash = leaf;
  // The lower part: at level i the sibling is on the right when bit i of the index is 0.
  for (let i = 0; i < inner; i++) hash = ((position >> BigInt(i)) & 1n) === 0n ? await nodeHash(hash, proof[i]!) : await nodeHash(proof[i]!, hash);
  // The upper part, along the tree's right border: every sibling is on the left.
  for (let i = inner; i < proof.length; i++) hash = await nodeHash(proof[i]!, hash);
  return toHex(hash) === toHex(root);
}
