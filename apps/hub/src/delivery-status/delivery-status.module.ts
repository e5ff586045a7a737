import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { DeliveryModule } from '../messages/delivery/delivery.module';
import { DeliveryStatusController } from './delivery-status.controller';
import { DeliveryStatusService } from './delivery-status.service';

/** Delivery status for coordinators and auditors (read-only). */
@Module({
  imports: [DeliveryModule, DirectoryModule],
  controllers: [DeliveryStatusController],
  providers: [DeliveryStatusService],
})
export class DeliveryStatusModule {}
