import { Column, Entity, PrimaryColumn } from 'typeorm';
import { type PublicJwk } from '@cicu/crypto';

/** A hub signing key this node trusts: pinned at the first contact (TOFU) and kept. */
@Entity({ name: 'hub_trust' })
export class HubTrustEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid!: string;

  @Column({ type: 'jsonb' })
  jwk!: PublicJwk;

  @Column({ name: 'first_seen', type: 'timestamptz' })
  firstSeen!: Date;
}
