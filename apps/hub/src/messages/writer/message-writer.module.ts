import { Module } from '@nestjs/common';
import { MessageWriteRepository } from './message-write.repository';
import { MessageWriter } from './message-writer';

/**
 * The group commit of the message table and the audit log (MessageWriter): submissions and
 * delivery receipts go through the one writer of this process, so that its batches share the
 * audit tree's right edge. Imported by submission and by delivery.
 */
@Module({
  providers: [MessageWriteRepository, MessageWriter],
  exports: [MessageWriter],
})
export class MessageWriterModule {}
