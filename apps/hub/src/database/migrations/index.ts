import { type MigrationInterface } from 'typeorm';
import { Directory1795963596046 } from './1795963596046-Directory';

/** Every hub migration, oldest first; TypeORM runs the pending ones at start. */
export const HUB_MIGRATIONS: (new () => MigrationInterface)[] = [Directory1795963596046];
