import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DirectoryModule } from '../../directory/directory.module';
import { MessageWriterModule } from '../writer/message-writer.module';
import { DeliverySweep } from './delivery-sweep';
import { DELIVERY_QUEUE } from './delivery.jobs';
import { DeliveryProcessor } from './delivery.processor';
import { DeliveryProducer } from './delivery.producer';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryService } from './delivery.service';
import { InboxPushes } from './inbox-pushes';

/**
 * Reliable delivery: the 'delivery' queue, its worker (push to the recipient's inbox, receipt
 * back to the sender's), the start-up sweep. Exports the producer (submission enqueues), the
 * service and the repository (the mailbox routes).
 */
@Module({
  imports: [BullModule.registerQueue({ name: DELIVERY_QUEUE }), DirectoryModule, MessageWriterModule],
  providers: [DeliveryRepository, InboxPushes, DeliveryService, DeliveryProducer, DeliveryProcessor, DeliverySweep],
  exports: [DeliveryProducer, DeliveryService, DeliveryRepository],
})
export class DeliveryModule {}
