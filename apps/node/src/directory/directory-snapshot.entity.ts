import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A hub-signed directory snapshot this node verified; the highest version is the one in use. */
@Entity({ name: 'directory_snapshot' })
export class DirectorySnapshotEntity {
  @PrimaryColumn({ type: 'int' })
  version!: number;

  /** The compact JWS exactly as the hub sent it: re-verified at every start. */
  @Column({ type: 'text' })
  jws!: string;

  @Column({ name: 'fetched_at', type: 'timestamptz' })
  fetchedAt!: Date;
}
