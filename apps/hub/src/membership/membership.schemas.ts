import { Type } from '@sinclair/typebox';
import { SeedMemberState, SeedUnit } from '../directory/seed/directory-seed.schema';

/** The bodies of the coordinator's membership routes: the seed's own schemas, so both say the same. */
export const CreateMemberState = SeedMemberState;
export const UpdateMemberState = Type.Object({ name: SeedMemberState.properties.name }, { additionalProperties: false });

/** A new unit starts active; its status changes only through suspend, reinstate and retire. */
export const CreateUnit = Type.Omit(SeedUnit, ['status'], { additionalProperties: false });
export const UpdateUnit = Type.Partial(Type.Pick(SeedUnit, ['name', 'shortName', 'administration', 'areas']), { additionalProperties: false, minProperties: 1 });
