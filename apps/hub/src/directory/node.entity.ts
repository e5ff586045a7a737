import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const NODE_STATUSES = ['active', 'pending', 'suspended'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

/** A unit's deployed node: where the hub delivers to, and whose keys sign and receive. */
@Entity('node')
export class NodeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'unit_id', type: 'varchar', length: 35 })
  unitId!: string;

  @Column({ name: 'inbox_url', type: 'varchar', length: 2048 })
  inboxUrl!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: NodeStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
