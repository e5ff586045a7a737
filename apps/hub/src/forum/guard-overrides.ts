import { Injectable } from '@nestjs/common';
import { controlNumber } from '@cicu/crypto';
import { AuditService } from '../audit/audit.service';
import { type OfficerActor } from '../sharing/officer-action';
import { insertGuardOverrides } from '../sharing/guard-override-rows';
import { type OverriddenFinding } from '../sharing/personal-data-guard';
import { ForumRepository, type ForumTx, type Page } from './forum.repository';
import { type OverrideView, overrideView } from './forum-views';

const digestOf = (text: string): string => controlNumber(new TextEncoder().encode(text));

/**
 * The findings of the personal-data guard an author overrode in a post (PersonalDataGuard
 * accepted them): one audit event per revision that has any, naming where and what but never
 * the value, and one row per finding with its justification for the coordinators' review.
 */
@Injectable()
export class GuardOverrides {
  constructor(
    private readonly repository: ForumRepository,
    private readonly audit: AuditService,
  ) {}

  async record(tx: ForumTx, actor: OfficerActor, postId: string, revision: number, overridden: readonly OverriddenFinding[], contentDigest: string, now: Date): Promise<void> {
    if (overridden.length === 0) return;
    const { index } = await this.audit.record(tx, {
      type: 'forum.guard-overridden',
      actor: { kind: 'node', nodeId: actor.nodeId, unitId: actor.unitId },
      officerId: actor.officerId,
      postId,
      revision,
      findings: overridden.map(({ location, kind, start, end }) => ({ location, kind, start, end })),
      justificationDigests: overridden.map((o) => digestOf(o.justification)),
      contentDigest,
    }, now);
    await insertGuardOverrides(tx, { table: 'forum_override', columns: ['post_id', 'revision'], values: [postId, revision] }, overridden, {
      unitId: actor.unitId,
      officerId: actor.officerId,
      officerName: actor.officerName,
      auditIndex: index,
      now,
    });
  }

  /** For coordinator review, newest first. */
  async list(page: Page): Promise<{ items: OverrideView[]; total: number; limit: number; offset: number }> {
    const { rows, total } = await this.repository.listOverrides(page);
    return { items: rows.map(overrideView), total, ...page };
  }
}
