import { AdminAccountEntity } from '../accounts/admin-account.entity';
import { AdminRefreshTokenEntity, AdminSessionEntity } from '../accounts/admin-session.entity';
import { MessageEntity } from '../messages/message.entity';
import { AuditEntryEntity, AuditHeadEntity } from '../audit/audit-entry.entity';
import { LocalKeyEntity } from '@cicu/shared';
import { AgreementEntity, AgreementLegalBasisEntity, AgreementPartyEntity, AgreementVersionEntity } from '../directory/agreement.entity';
import { DirectoryVersionEntity } from '../directory/directory-version.entity';
import { LegalBasisEntity } from '../directory/legal-basis.entity';
import { MemberStateEntity } from '../directory/member-state.entity';
import { NodeKeyEntity } from '../directory/node-key.entity';
import { NodeEntity } from '../directory/node.entity';
import { UnitEntity } from '../directory/unit.entity';
import { EnrollmentTokenEntity } from '../key-lifecycle/enrollment-token.entity';

/** Every entity of the hub, handed to DatabaseModule.forRoot. */
export const HUB_ENTITIES = [
  MemberStateEntity,
  UnitEntity,
  NodeEntity,
  NodeKeyEntity,
  LegalBasisEntity,
  AgreementEntity,
  AgreementPartyEntity,
  AgreementLegalBasisEntity,
  AgreementVersionEntity,
  DirectoryVersionEntity,
  LocalKeyEntity,
  AuditHeadEntity,
  AuditEntryEntity,
  MessageEntity,
  AdminAccountEntity,
  AdminSessionEntity,
  AdminRefreshTokenEntity,
  EnrollmentTokenEntity,
];
