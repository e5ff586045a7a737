export { MERKLE_HASH_SIZE } from './bytes';
export { merkleLeafHash, merkleNodeHash } from './hasher';
export { merkleRoot, merkleSubtreeRoot } from './root';
export { merkleInclusionProof } from './inclusion-proof';
export { merkleConsistencyProof } from './consistency-proof';
export { verifyInclusion } from './verify-inclusion';
export { verifyConsistency } from './verify-consistency';
export { largestPowerOfTwoLessThan } from './tree-math';
export {
  appendToFrontier,
  consistencyProofRanges,
  foldSubtrees,
  frontierOf,
  hashRanges,
  inclusionProofRanges,
  subtreesOfRange,
  subtreesOfRanges,
  type LeafRange,
  type StoredSubtree,
  type SubtreeRef,
} from './subtrees';
