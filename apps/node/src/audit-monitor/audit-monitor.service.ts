import { Injectable, Logger } from '@nestjs/common';
import { isCryptoError, merkleLeafHash, verifyConsistency, verifyInclusion, verifyJws } from '@cicu/crypto';
import { parseTreeHeadPayload, rootHashBytes, TREE_HEAD_TYP } from '@cicu/protocol';
import { NodeDirectoryService } from '../directory/node-directory.service';
import { HubClient } from '../hub-client/hub-client';
import { type AuditAlert, AuditMonitorRepository, type SeenTreeHead } from './audit-monitor.repository';

const fromHex = (proof: string[]): Uint8Array[] => proof.map((h) => new Uint8Array(Buffer.from(h, 'hex')));
const MAX_TREE_HEAD_BYTES = 4096;

export interface AuditMonitorRun {
  /** Size of the largest tree head this node holds as verified. */
  treeSize: number | undefined;
  /** Own events found included in it during this run. */
  included: number;
  /** Alerts raised during this run. */
  alerts: number;
}

export interface AuditMonitorStatus {
  treeSize: number | undefined;
  alerts: AuditAlert[];
}

/**
 * A witness of the hub's audit log (RFC 9162 §8.2 monitor). Each run: fetch the latest signed
 * tree head, verify it with the pinned hub keys, check it against every head seen before (same
 * size: same root; larger: a consistency proof from the last one; smaller: a rollback), keep
 * it, then check that each of this node's own accepted messages sits in the log where its hub
 * receipt says (auditLeafIndex), as the entry for that message, with a valid inclusion proof.
 * Any failure is an alert: stored, logged at error level and shown on /health until an
 * operator has looked into it. Never silently ignored.
 */
@Injectable()
export class AuditMonitorService {
  private readonly logger = new Logger(AuditMonitorService.name);

  constructor(
    private readonly repository: AuditMonitorRepository,
    private readonly hub: HubClient,
    private readonly directory: NodeDirectoryService,
  ) {}

  async run(now: Date = new Date()): Promise<AuditMonitorRun> {
    const raised = { count: 0 };
    const alert = async (a: Omit<AuditAlert, 'raisedAt'>): Promise<void> => {
      // Logged once per finding: a forged head the hub keeps serving is not news at every run.
      if (!(await this.repository.raise({ ...a, raisedAt: now }))) return;
      raised.count++;
      this.logger.error(`audit log alert ${a.kind}${a.leafIndex !== undefined ? ` at leaf ${a.leafIndex}` : ''}: ${a.message}`);
    };
    const fetched = await this.hub.latestTreeHead();
    if (fetched !== undefined) {
      const head = await this.verifyHead(fetched.jws, alert);
      if (head !== undefined && (await this.consistentWithSeen(head, alert))) await this.repository.saveHead(head, now);
    }
    const trusted = await this.repository.latestHead();
    const included = trusted === undefined ? 0 : await this.checkOwnLeaves(trusted, now, alert);
    return { treeSize: trusted?.treeSize, included, alerts: raised.count };
  }

  async status(): Promise<AuditMonitorStatus> {
    return { treeSize: (await this.repository.latestHead())?.treeSize, alerts: await this.repository.alerts() };
  }

  private async verifyHead(jws: string, alert: (a: Omit<AuditAlert, 'raisedAt'>) => Promise<void>): Promise<SeenTreeHead | undefined> {
    try {
      const { payload } = await verifyJws(jws, (kid) => this.directory.hubKey(kid), { typ: TREE_HEAD_TYP, maxBytes: MAX_TREE_HEAD_BYTES });
      const parsed = parseTreeHeadPayload(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)));
      if (parsed === undefined) throw new Error('the payload is not a tree head');
      return { treeSize: parsed.treeSize, rootHash: rootHashBytes(parsed.rootHash), timestamp: new Date(parsed.timestamp), jws };
    } catch (error) {
      const why = isCryptoError(error) ? error.code : error instanceof Error ? error.message : 'unreadable';
      await alert({ kind: 'TREE_HEAD_INVALID', message: `the hub's latest tree head does not verify with the pinned hub keys (${why})` });
      return undefined;
    }
  }

  private async consistentWithSeen(head: SeenTreeHead, alert: (a: Omit<AuditAlert, 'raisedAt'>) => Promise<void>): Promise<boolean> {
    const sameSize = await this.repository.headOfSize(head.treeSize);
    if (sameSize !== undefined) {
      if (Buffer.from(sameSize.rootHash).equals(Buffer.from(head.rootHash))) return true;
      await alert({ kind: 'TREE_HEAD_INCONSISTENT', treeSize: head.treeSize, message: `the hub signed two different roots for tree size ${head.treeSize}: a forked log` });
      return false;
    }
    const last = await this.repository.latestHead();
    if (last === undefined) return true;
    if (head.treeSize < last.treeSize) {
      await alert({ kind: 'TREE_HEAD_ROLLBACK', treeSize: head.treeSize, message: `the hub's latest tree head (size ${head.treeSize}) is older than one it showed before (size ${last.treeSize})` });
      return false;
    }
    const proof = await this.hub.consistencyProof(last.treeSize, head.treeSize);
    if (verifyConsistency(last.treeSize, head.treeSize, last.rootHash, head.rootHash, fromHex(proof))) return true;
    await alert({
      kind: 'TREE_HEAD_INCONSISTENT',
      treeSize: head.treeSize,
      message: `the tree head of size ${head.treeSize} is not consistent with the one of size ${last.treeSize} seen before: the hub rewrote or forked its log`,
    });
    return false;
  }

  private async checkOwnLeaves(head: SeenTreeHead, now: Date, alert: (a: Omit<AuditAlert, 'raisedAt'>) => Promise<void>): Promise<number> {
    let included = 0;
    for (const own of await this.repository.uncheckedOwnReceipts()) {
      const index = receiptLeafIndex(own.receipt);
      // Receipts without an index predate the audit API; later leaves wait for the next head.
      if (index === undefined || index >= head.treeSize) continue;
      const problem = await this.leafProblem(index, own.messageId, head);
      if (problem === undefined) included++;
      else await alert({ kind: problem.kind, leafIndex: index, treeSize: head.treeSize, message: problem.message });
      await this.repository.markChecked(index, own.messageId, head.treeSize, problem === undefined, now);
    }
    return included;
  }

  private async leafProblem(index: number, messageId: string, head: SeenTreeHead): Promise<{ kind: 'LEAF_MISMATCH' | 'LEAF_NOT_INCLUDED'; message: string } | undefined> {
    const leaf = await this.hub.auditLeaf(index);
    if (leaf === undefined || leaf.index !== index) return { kind: 'LEAF_MISMATCH', message: `the hub serves no entry at leaf ${index}, where its receipt for message ${messageId} put it` };
    let entry: { index?: unknown; type?: unknown; messageId?: unknown };
    try {
      entry = JSON.parse(leaf.canonical) as typeof entry;
    } catch {
      return { kind: 'LEAF_MISMATCH', message: `leaf ${index} is not JSON` };
    }
    if (entry.index !== index || entry.type !== 'message.accepted' || entry.messageId !== messageId) {
      return { kind: 'LEAF_MISMATCH', message: `leaf ${index} is not the acceptance of message ${messageId} its receipt names (it states ${String(entry.type)} of ${String(entry.messageId)} at index ${String(entry.index)})` };
    }
    const proof = await this.hub.inclusionProof(index, head.treeSize).catch(() => undefined);
    if (proof !== undefined && verifyInclusion(merkleLeafHash(new TextEncoder().encode(leaf.canonical)), index, head.treeSize, fromHex(proof), head.rootHash)) return undefined;
    return { kind: 'LEAF_NOT_INCLUDED', message: `leaf ${index} as the hub serves it is not in the signed tree of size ${head.treeSize}: it was changed after it was signed` };
  }
}

/** auditLeafIndex of a stored hub receipt (verified when it was received), if it has one. */
function receiptLeafIndex(receipt: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(receipt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { auditLeafIndex?: unknown };
    return typeof payload.auditLeafIndex === 'number' && Number.isSafeInteger(payload.auditLeafIndex) ? payload.auditLeafIndex : undefined;
  } catch {
    return undefined;
  }
}
