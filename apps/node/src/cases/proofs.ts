import { unverifiedJwsSegment } from '@cicu/shared';

/**
 * What the node has verified about one of its requests, for the officer: the hub's receipt
 * (signature with the pinned hub keys, same message id: SubmitService), the partner's delivery
 * receipt (signature with the partner's directory key, the digest of the envelope we signed:
 * InboxService) and the audit monitor's check that the hub's log holds the acceptance at the
 * leaf the receipt names (AuditMonitorService). A receipt is stored only once it verified, so a
 * stored one is a verified one; the audit check is its own record.
 */
export interface RequestProofs {
  hubReceipt: { verified: boolean; auditLeafIndex: number | null; receivedAt: string | null };
  deliveryReceipt: { verified: boolean; by: string | null; receivedAt: string | null };
  /** included: inclusion proof verified against a signed tree head; not_included: an alert was raised; pending: not checked yet. */
  auditLog: { status: 'included' | 'not_included' | 'pending' | 'none'; leafIndex: number | null; treeSize: number | null; checkedAt: string | null };
}

export interface LeafCheckRow {
  leaf_index: string;
  tree_size: string;
  ok: boolean;
  checked_at: Date;
}

export function requestProofs(hubReceipt: string | null, submittedAt: string | null, deliveryReceipt: string | null, check: LeafCheckRow | undefined): RequestProofs {
  // Read back without verifying again: only verified receipts are stored.
  const hub = hubReceipt === null ? undefined : unverifiedJwsSegment(hubReceipt, 1);
  const delivery = deliveryReceipt === null ? undefined : unverifiedJwsSegment(deliveryReceipt, 1);
  const leafIndex = typeof hub?.['auditLeafIndex'] === 'number' ? hub['auditLeafIndex'] : null;
  return {
    hubReceipt: { verified: hub !== undefined, auditLeafIndex: leafIndex, receivedAt: hub === undefined ? null : submittedAt },
    deliveryReceipt: {
      verified: delivery !== undefined,
      by: typeof delivery?.['by'] === 'string' ? delivery['by'] : null,
      receivedAt: typeof delivery?.['receivedAt'] === 'string' ? delivery['receivedAt'] : null,
    },
    auditLog:
      check !== undefined
        ? { status: check.ok ? 'included' : 'not_included', leafIndex: Number(check.leaf_index), treeSize: Number(check.tree_size), checkedAt: new Date(check.checked_at).toISOString() }
        : { status: leafIndex === null ? 'none' : 'pending', leafIndex, treeSize: null, checkedAt: null },
  };
}
