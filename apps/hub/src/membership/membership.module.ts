import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { DeliveryModule } from '../messages/delivery/delivery.module';
import { MembershipController } from './membership.controller';
import { MembershipRepository } from './membership.repository';
import { MembershipService } from './membership.service';

/** The coordinator's membership registry: member states, units and a unit's lifecycle (docs/adr-membership.md). */
@Module({
  imports: [DirectoryModule, DeliveryModule],
  controllers: [MembershipController],
  providers: [MembershipRepository, MembershipService],
})
export class MembershipModule {}
