import { createHash } from 'node:crypto';
import vectors from '../../../../../../libs/crypto/test-vectors/merkle_vectors.json';
import { fromHex, leafHash, toHex, verifyInclusion } from './inclusion';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

describe('the browser inclusion check (WebCrypto) against the transparency-dev probes', () => {
  it.each(vectors.inclusion_probes.map((p) => [p.desc, p] as const))('%s', async (_desc, probe) => {
    const ok = await verifyInclusion(hex(probe.leafHash_hex), probe.leafIdx, probe.treeSize, probe.proof_hex.map(hex), hex(probe.root_hex));
    expect(ok).toBe(!probe.wantErr);
  });

  it('refuses a proof for another index or a tree size it was not made for', async () => {
    const probe = vectors.inclusion_probes.find((p) => !p.wantErr && p.proof_hex.length > 0)!;
    const proof = probe.proof_hex.map(hex);
    expect(await verifyInclusion(hex(probe.leafHash_hex), probe.leafIdx, probe.treeSize, proof, hex(probe.root_hex))).toBe(true);
    expect(await verifyInclusion(hex(probe.leafHash_hex), probe.leafIdx ^ 1, probe.treeSize, proof, hex(probe.root_hex))).toBe(false);
    expect(await verifyInclusion(hex(probe.leafHash_hex), probe.leafIdx, probe.treeSize + 64, proof, hex(probe.root_hex))).toBe(false);
  });
});

describe('leafHash', () => {
  it('is SHA-256(0x00 || UTF-8 of the entry), as the hub hashes its entries', async () => {
    const entry = '{"index":0,"type":"directory.seeded","v":1,"note":"é"}';
    const expected = createHash('sha256').update(Buffer.from([0])).update(entry, 'utf8').digest('hex');
    expect(toHex(await leafHash(entry))).toBe(expected);
  });

  it('of the RFC 9162 vector leaves gives their published leaf hashes (node level 0)', async () => {
    const levelZero = (vectors as unknown as { node_hashes: string[][] }).node_hashes[0]!;
    // The leaves that are ASCII text: leafHash takes the entry as a string.
    const ascii = vectors.leaf_inputs.map((input, i) => ({ bytes: hex(input), i })).filter(({ bytes }) => bytes.every((b) => b < 0x80));
    expect(ascii.length).toBeGreaterThanOrEqual(4);
    for (const { bytes, i } of ascii) expect(toHex(await leafHash(String.fromCharCode(...bytes)))).toBe(levelZero[i]);
  });
});

describe('fromHex', () => {
  it('reads lowercase hex and refuses anything else', () => {
    expect(fromHex('00ff10')).toEqual(Uint8Array.of(0, 255, 16));
    expect(fromHex('0')).toBeUndefined();
    expect(fromHex('GG')).toBeUndefined();
    expect(fromHex('AB')).toBeUndefined();
  });
});
