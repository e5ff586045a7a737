import { type AccountStatus } from '@cicu/shared';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { type AdminRole } from './admin-roles';

/** A coordinator or auditor of the hub. `passwordHash` never leaves the accounts services. */
@Entity('admin_account')
export class AdminAccountEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: AdminRole;

  @Column({ name: 'password_hash', type: 'varchar', length: 512 })
  passwordHash!: string;

  /** Set for a one-time password (bootstrap, account creation): only the password change is open until it is changed. */
  @Column({ name: 'password_change_required', type: 'boolean' })
  passwordChangeRequired!: boolean;

  @Column({ type: 'varchar', length: 16 })
  status!: AccountStatus;

  @Column({ name: 'failed_logins', type: 'int' })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export type NewAdminAccountRow = Omit<AdminAccountEntity, 'createdAt' | 'updatedAt'>;
