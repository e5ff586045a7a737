import { Injectable, Logger } from '@nestjs/common';
import { type TSchema } from '@sinclair/typebox';
import { schemaValidator } from '@cicu/shared';
import { type AuthenticatedAdmin, actorOf } from '../accounts/authenticated-admin';
import { DirectoryChanges } from '../directory/directory-changes';
import { type UnitView, toUnitView } from '../directory/directory.views';
import { type UnitEntity, type UnitStatus } from '../directory/unit.entity';
import { DeliveryService } from '../messages/delivery/delivery.service';
import { MembershipError } from './membership.errors';
import { MembershipRepository } from './membership.repository';
import { CreateMemberState, CreateUnit, UpdateMemberState, UpdateUnit } from './membership.schemas';

export interface MemberStateView {
  code: string;
  name: string;
}

type Transition = 'suspend' | 'reinstate' | 'retire';

/** The one lifecycle of a unit: from which status each transition may start, and where it leads. */
const TRANSITIONS: Record<Transition, { from: readonly UnitStatus[]; to: UnitStatus; refusal: 'UNIT_NOT_ACTIVE' | 'UNIT_NOT_SUSPENDED' }> = {
  suspend: { from: ['active'], to: 'suspended', refusal: 'UNIT_NOT_ACTIVE' },
  reinstate: { from: ['suspended'], to: 'active', refusal: 'UNIT_NOT_SUSPENDED' },
  retire: { from: ['active', 'suspended'], to: 'retired', refusal: 'UNIT_NOT_ACTIVE' },
};

const validator = <S extends TSchema>(schema: S, what: string) => schemaValidator(schema, (issues) => new MembershipError('VALIDATION', `the ${what} is invalid`, issues));
const checkCreateMemberState = validator(CreateMemberState, 'member state');
const checkUpdateMemberState = validator(UpdateMemberState, 'member state change');
const checkCreateUnit = validator(CreateUnit, 'unit');
const checkUpdateUnit = validator(UpdateUnit, 'unit change');

/**
 * The coordinator's membership registry: member states and units, and a unit's lifecycle
 * (suspend, reinstate, retire). Submission refuses messages from and to a unit that is not
 * active (SENDER_SUSPENDED / RECIPIENT_SUSPENDED), node authentication refuses its nodes, and
 * delivery holds what is queued for it until it is reinstated. Every change is one directory
 * change (DirectoryChanges): locked, versioned, audited.
 */
@Injectable()
export class MembershipService {
  private readonly logger = new Logger(MembershipService.name);

  constructor(
    private readonly repository: MembershipRepository,
    private readonly changes: DirectoryChanges,
    private readonly delivery: DeliveryService,
  ) {}

  async listMemberStates(): Promise<MemberStateView[]> {
    return (await this.repository.listMemberStates()).map(({ code, name }) => ({ code, name }));
  }

  async listUnits(): Promise<UnitView[]> {
    return (await this.repository.listUnits()).map(toUnitView);
  }

  async getUnit(id: string): Promise<UnitView> {
    const unit = await this.repository.findUnit(id);
    if (unit === undefined) throw unitNotFound(id);
    return toUnitView(unit);
  }

  createMemberState(admin: AuthenticatedAdmin, body: unknown): Promise<MemberStateView> {
    const { code, name } = checkCreateMemberState(body);
    return this.changes.apply(async (tx) => {
      if ((await this.repository.findMemberState(tx, code)) !== undefined) throw new MembershipError('MEMBER_STATE_EXISTS', `member state ${code} is already in the directory`);
      await this.repository.insertMemberState(tx, { code, name });
      return { value: { code, name }, audit: (version) => ({ type: 'membership.member-state-created', actor: actorOf(admin), version, code }) };
    });
  }

  updateMemberState(admin: AuthenticatedAdmin, code: string, body: unknown): Promise<MemberStateView> {
    const change = checkUpdateMemberState(body);
    return this.changes.apply(async (tx) => {
      if ((await this.repository.findMemberState(tx, code)) === undefined) throw new MembershipError('MEMBER_STATE_NOT_FOUND', `member state ${code} is not in the directory`);
      await this.repository.updateMemberState(tx, code, change);
      return { value: { code, name: change.name }, audit: (version) => ({ type: 'membership.member-state-updated', actor: actorOf(admin), version, code, fields: ['name'] }) };
    });
  }

  createUnit(admin: AuthenticatedAdmin, body: unknown): Promise<UnitView> {
    const unit = checkCreateUnit(body);
    if (!unit.id.startsWith(`${unit.memberState}-`)) {
      throw new MembershipError('VALIDATION', 'the unit is invalid', [{ path: '/id', code: 'memberState', message: `must start with its member state code ${unit.memberState}-` }]);
    }
    return this.changes.apply(async (tx) => {
      if ((await this.repository.findMemberState(tx, unit.memberState)) === undefined) {
        throw new MembershipError('VALIDATION', 'the unit is invalid', [{ path: '/memberState', code: 'unknown', message: `member state ${unit.memberState} is not in the directory` }]);
      }
      if ((await this.repository.lockUnit(tx, unit.id)) !== undefined) throw new MembershipError('UNIT_EXISTS', `unit ${unit.id} is already in the directory`);
      const row = { id: unit.id, memberStateCode: unit.memberState, name: unit.name, shortName: unit.shortName, administration: unit.administration, status: 'active' as const, areas: [...unit.areas] };
      await this.repository.insertUnit(tx, row);
      return { value: toUnitView({ ...row, createdAt: new Date(), updatedAt: new Date() }), audit: (version) => ({ type: 'membership.unit-created', actor: actorOf(admin), version, unitId: unit.id }) };
    });
  }

  updateUnit(admin: AuthenticatedAdmin, id: string, body: unknown): Promise<UnitView> {
    const change = checkUpdateUnit(body);
    return this.changes.apply(async (tx) => {
      const unit = await this.lockChangeable(tx, id);
      const updated = await this.repository.updateUnit(tx, unit.id, change);
      return { value: toUnitView(updated), audit: (version) => ({ type: 'membership.unit-updated', actor: actorOf(admin), version, unitId: id, fields: Object.keys(change).sort() }) };
    });
  }

  suspendUnit(admin: AuthenticatedAdmin, id: string): Promise<UnitView> {
    return this.transition(admin, id, 'suspend');
  }

  /** Back to active; what delivery held for the unit goes out now. */
  async reinstateUnit(admin: AuthenticatedAdmin, id: string): Promise<UnitView> {
    const unit = await this.transition(admin, id, 'reinstate');
    try {
      const resumed = await this.delivery.resumeHeld(id);
      if (resumed > 0) this.logger.log({ unitId: id, resumed }, 'held deliveries resumed');
    } catch (error) {
      // Committed already; the held jobs look again by themselves (DELIVERY_HOLD_RECHECK_MS).
      this.logger.warn({ unitId: id, err: error }, 'could not resume held deliveries at once');
    }
    return unit;
  }

  retireUnit(admin: AuthenticatedAdmin, id: string): Promise<UnitView> {
    return this.transition(admin, id, 'retire');
  }

  private transition(admin: AuthenticatedAdmin, id: string, transition: Transition): Promise<UnitView> {
    const rule = TRANSITIONS[transition];
    return this.changes.apply(async (tx) => {
      const unit = await this.lockChangeable(tx, id);
      if (!rule.from.includes(unit.status)) throw new MembershipError(rule.refusal, `unit ${id} is ${unit.status}: it cannot be ${transition === 'suspend' ? 'suspended' : transition === 'reinstate' ? 'reinstated' : 'retired'}`);
      const updated = await this.repository.updateUnit(tx, id, { status: rule.to });
      return {
        value: toUnitView(updated),
        audit: (version) => ({ type: 'membership.unit-status-changed', actor: actorOf(admin), version, unitId: id, transition, from: unit.status, to: rule.to }),
      };
    });
  }

  /** The unit, locked, unless it is unknown (UNIT_NOT_FOUND) or retired (UNIT_RETIRED: final). */
  private async lockChangeable(tx: Parameters<MembershipRepository['lockUnit']>[0], id: string): Promise<UnitEntity> {
    const unit = await this.repository.lockUnit(tx, id);
    if (unit === undefined) throw unitNotFound(id);
    if (unit.status === 'retired') throw new MembershipError('UNIT_RETIRED', `unit ${id} is retired: retirement is final`);
    return unit;
  }
}

function unitNotFound(id: string): MembershipError {
  return new MembershipError('UNIT_NOT_FOUND', `unit ${id.slice(0, 64)} is not in the directory`);
}
