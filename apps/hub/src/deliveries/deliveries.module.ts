import { Module } from '@nestjs/common';
import { DeliveryModule } from '../messages/delivery/delivery.module';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveriesService } from './deliveries.service';

/** The coordinators' and auditors' view of delivery, and the coordinator's retry (docs/adr-web-ui.md). */
@Module({
  imports: [DeliveryModule],
  controllers: [DeliveriesController],
  providers: [DeliveriesRepository, DeliveriesService],
})
export class DeliveriesModule {}
