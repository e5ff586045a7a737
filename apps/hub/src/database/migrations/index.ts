import { type MigrationInterface } from 'typeorm';
import { Keyring1795963596100, KeyringPending1796200000100 } from '@cicu/shared';
import { Directory1795963596046 } from './1795963596046-Directory';
import { AuditLog1795970000000 } from './1795970000000-AuditLog';
import { Messages1795980000000 } from './1795980000000-Messages';
import { AuditTree1795990000000 } from './1795990000000-AuditTree';
import { DirectoryGeneration1795995000000 } from './1795995000000-DirectoryGeneration';
import { Library1796000000000 } from './1796000000000-Library';
import { AdminAccounts1796100000000 } from './1796100000000-AdminAccounts';
import { AgreementVersions1796100100000 } from './1796100100000-AgreementVersions';
import { KeyLifecycle1796200000000 } from './1796200000000-KeyLifecycle';
import { Forum1796200000200 } from './1796200000200-Forum';
import { UnitDirectory1796210000000 } from './1796210000000-UnitDirectory';
import { NodeContact1796220000000 } from './1796220000000-NodeContact';
import { LibrarySearchRanking1796300000000 } from './1796300000000-LibrarySearchRanking';
import { NodeContactDirectoryVersion1796310000000 } from './1796310000000-NodeContactDirectoryVersion';
import { MessageAttachments1796400000000 } from './1796400000000-MessageAttachments';

/** Every hub migration, oldest first; TypeORM runs the pending ones at start. */
export const HUB_MIGRATIONS: (new () => MigrationInterface)[] = [
  Directory1795963596046,
  Keyring1795963596100,
  AuditLog1795970000000,
  Messages1795980000000,
  AuditTree1795990000000,
  DirectoryGeneration1795995000000,
  Library1796000000000,
  AdminAccounts1796100000000,
  AgreementVersions1796100100000,
  KeyLifecycle1796200000000,
  KeyringPending1796200000100,
  Forum1796200000200,
  UnitDirectory1796210000000,
  NodeContact1796220000000,
  LibrarySearchRanking1796300000000,
  NodeContactDirectoryVersion1796310000000,
  MessageAttachments1796400000000,
];
