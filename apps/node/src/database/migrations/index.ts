import { type MigrationInterface } from 'typeorm';
import { Keyring1795963596100, KeyringPending1796200000100 } from '@cicu/shared';
import { Inbox1795965900000 } from './1795965900000-Inbox';
import { Officers1795966000000 } from './1795966000000-Officers';
import { Cases1795966100000 } from './1795966100000-Cases';
import { FollowUps1795966200000 } from './1795966200000-FollowUps';
import { AuditMonitor1795967000000 } from './1795967000000-AuditMonitor';
import { Assignments1795968000000 } from './1795968000000-Assignments';
import { Attachments1795969000000 } from './1795969000000-Attachments';
import { DraftVersions1796300000000 } from './1796300000000-DraftVersions';

/** Every node migration, oldest first; TypeORM runs the pending ones at start. */
export const NODE_MIGRATIONS: (new () => MigrationInterface)[] = [Keyring1795963596100, Inbox1795965900000, Officers1795966000000, Cases1795966100000, FollowUps1795966200000, AuditMonitor1795967000000, Assignments1795968000000, Attachments1795969000000, KeyringPending1796200000100, DraftVersions1796300000000];
