import { Injectable } from '@nestjs/common';
import { type UnitContactPoint, type UnitProfileContent } from '@cicu/protocol';
import { AuditService } from '../audit/audit.service';
import { type OfficerAction } from '../sharing/officer-action';
import { PersonalDataGuard } from '../sharing/personal-data-guard';
import { UnitDirectoryError } from './unit-directory.errors';
import { type DirectoryEntryRow, UnitDirectoryRepository } from './unit-directory.repository';

export interface UnitProfileView {
  version: number;
  description: string;
  competences: string[];
  languages: string[];
  contactPoints: UnitContactPoint[];
  updatedAt: string;
}

export interface DirectoryEntryView {
  unitId: string;
  memberState: string;
  name: string;
  shortName: string;
  administration: string;
  /** The customs areas the unit is a member for (the membership directory, kept by coordinators). */
  areas: string[];
  /** What the unit says of itself; null until its node publishes one. */
  profile: UnitProfileView | null;
}

function entryView(row: DirectoryEntryRow): DirectoryEntryView {
  return {
    unitId: row.id,
    memberState: row.member_state_code,
    name: row.name,
    shortName: row.short_name,
    administration: row.administration,
    areas: [...row.areas],
    profile:
      row.version === null
        ? null
        : {
            version: row.version,
            description: row.description!,
            competences: [...row.competences!],
            languages: [...row.languages!],
            contactPoints: row.contact_points!,
            updatedAt: new Date(row.updated_at!).toISOString(),
          },
  };
}

/**
 * The unit directory (docs/adr-forum.md): every active member unit with its areas of competence,
 * languages and functional contact points, readable by every active member; each unit's profile
 * maintained by its own node, for an officer whose action the node signed.
 */
@Injectable()
export class UnitDirectoryService {
  constructor(
    private readonly repository: UnitDirectoryRepository,
    private readonly audit: AuditService,
    private readonly guard: PersonalDataGuard,
  ) {}

  async list(): Promise<DirectoryEntryView[]> {
    return (await this.repository.activeUnits()).map(entryView);
  }

  /**
   * Replaces the profile of `unitId`, which must be the acting node's unit. The free texts
   * (description, contact points' function and hours) are guarded for personal data with no
   * override: a profile has no reason to name anyone. Contact addresses and numbers are the
   * unit's functional ones by definition and are not guarded (the guard would find each).
   */
  async update(unitId: string, { actor, content, proof }: OfficerAction<UnitProfileContent>): Promise<DirectoryEntryView> {
    if (unitId !== actor.unitId) throw new UnitDirectoryError('NOT_OWN_UNIT', `a node of ${actor.unitId} cannot edit the profile of ${unitId}`);
    this.guard.check(
      [
        { location: 'description', text: content.description },
        ...content.contactPoints.flatMap((c, i) => [{ location: `contactFunction/${i}`, text: c.function }, ...(c.hours !== undefined ? [{ location: `contactHours/${i}`, text: c.hours }] : [])]),
      ],
      [],
      actor.unitId,
    );
    const now = new Date();
    await this.repository.transaction(async (tx) => {
      const current = await this.repository.lockVersion(tx, unitId);
      if (content.baseVersion !== current) throw new UnitDirectoryError('PROFILE_CONFLICT', `the profile is at version ${current}, the update was made on version ${content.baseVersion}`);
      const version = current + 1;
      const { index } = await this.audit.record(tx, {
        type: 'unit-directory.profile-updated', actor: { kind: 'node', nodeId: actor.nodeId, unitId }, officerId: actor.officerId, unitId, version,
        contentDigest: proof.contentDigest, actionDigest: proof.jwsDigest,
      }, now);
      await this.repository.save(tx, {
        unitId, version, description: content.description, competences: content.competences, languages: content.languages, contactPoints: content.contactPoints,
        nodeId: actor.nodeId, officerId: actor.officerId, content: proof.content, contentDigest: proof.contentDigest, actionJws: proof.jws, actionDigest: proof.jwsDigest, auditIndex: index, now,
      });
    });
    return (await this.list()).find((entry) => entry.unitId === unitId)!;
  }
}
