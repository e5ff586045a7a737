import { type MigrationInterface } from 'typeorm';
import { Keyring1795963596100 } from '@cicu/shared';

/** Every node migration, oldest first; TypeORM runs the pending ones at start. */
export const NODE_MIGRATIONS: (new () => MigrationInterface)[] = [Keyring1795963596100];
