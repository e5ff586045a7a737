import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DirectoryModule } from '../directory/directory.module';
import { DeliveryModule } from '../messages/delivery/delivery.module';
import { DeliveryRetryService } from './delivery-retry.service';
import { DeliveryStatusController } from './delivery-status.controller';
import { DeliveryStatusService } from './delivery-status.service';

/** Delivery status for coordinators and auditors; the coordinator's retry of an undeliverable message. */
@Module({
  imports: [AuthModule, DeliveryModule, DirectoryModule],
  controllers: [DeliveryStatusController],
  providers: [DeliveryStatusService, DeliveryRetryService],
})
export class DeliveryStatusModule {}
