import { Injectable } from '@nestjs/common';
import { consistencyProofRanges, hashRanges, inclusionProofRanges, type LeafRange, subtreesOfRanges } from '@cicu/crypto';
import { type EntityManager } from 'typeorm';
import { AuditError } from './audit.errors';
import { AuditRepository, subtreeKey } from './audit.repository';

/**
 * Roots and proofs of the persisted tree at any size up to the log's: the ranges a proof
 * needs are split into stored perfect subtrees (O(log n) of them) and read in one query, so
 * nothing is rehashed but the few partial right-edge subtrees. Byte-identical to
 * merkleRoot / merkleInclusionProof / merkleConsistencyProof over the same leaves (tested).
 */
@Injectable()
export class AuditTreeService {
  constructor(private readonly repository: AuditRepository) {}

  async root(tx: EntityManager, size: number): Promise<Uint8Array> {
    const [root] = await this.hashes(tx, [{ start: 0, end: size }], size);
    return root!;
  }

  async inclusionProof(tx: EntityManager, index: number, size: number): Promise<Uint8Array[]> {
    this.assertSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new AuditError('LEAF_INDEX_OUT_OF_RANGE', `leaf index must be an integer in [0, ${size - 1}]`);
    return this.hashes(tx, inclusionProofRanges(index, size), size);
  }

  async consistencyProof(tx: EntityManager, oldSize: number, newSize: number): Promise<Uint8Array[]> {
    this.assertSize(oldSize);
    this.assertSize(newSize);
    if (oldSize > newSize) throw new AuditError('SIZES_NOT_ORDERED', 'the first tree size must not exceed the second');
    return this.hashes(tx, consistencyProofRanges(oldSize, newSize), newSize);
  }

  private assertSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 1) throw new AuditError('TREE_SIZE_OUT_OF_RANGE', 'a tree size must be an integer >= 1');
  }

  private async hashes(tx: EntityManager, ranges: LeafRange[], size: number): Promise<Uint8Array[]> {
    this.assertSize(size);
    const found = await this.repository.findSubtrees(tx, subtreesOfRanges(ranges));
    try {
      return hashRanges(ranges, (ref) => found.get(subtreeKey(ref)));
    } catch (error) {
      // Missing nodes: a size beyond the log (the caller's error), or a damaged store (ours).
      const logSize = await this.repository.size(tx);
      if (size > logSize) throw new AuditError('TREE_SIZE_OUT_OF_RANGE', `the log has ${logSize} entries`);
      throw error;
    }
  }
}
