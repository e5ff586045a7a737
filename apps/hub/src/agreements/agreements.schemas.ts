import { Type } from '@sinclair/typebox';
import { DATE_PATTERN } from '@cicu/protocol';
import { SeedAgreement, SeedLegalBasis } from '../directory/seed/directory-seed.schema';

/** The bodies of the coordinator's routes: the seed's own schemas, so both say the same. */
export const CreateLegalBasis = SeedLegalBasis;
export const UpdateLegalBasis = Type.Partial(Type.Omit(SeedLegalBasis, ['id']), { additionalProperties: false, minProperties: 1 });

/** A new agreement is version 1; its version moves only by amendments. */
export const CreateAgreement = Type.Omit(SeedAgreement, ['version'], { additionalProperties: false });
/** The terms that change; the rest are the current version's. */
export const AmendAgreement = Type.Partial(Type.Omit(SeedAgreement, ['id', 'version']), { additionalProperties: false, minProperties: 1 });

/** The body of an `end`: the last day (UTC, inclusive) it is in force. */
export const EndRequest = Type.Object({ validTo: Type.String({ format: 'date', pattern: DATE_PATTERN, description: 'UTC calendar day, inclusive.' }) }, { additionalProperties: false });
