import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The single row counting directory changes; the snapshot's version and ETag. */
@Entity('directory_version')
export class DirectoryVersionEntity {
  @PrimaryColumn({ type: 'boolean' })
  id!: boolean;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
