import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { NODE_CONFIG, type NodeConfig } from '../config/node-config';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

/**
 * Files attached to requests and answers (docs/adr-cases.md): the officers' upload route and
 * the store the outbox, the answers and the inbox use. Uploads are parsed by multer in memory
 * within ATTACHMENT_MAX_BYTES (it stops reading a larger file: 413); file names as UTF-8.
 */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [NODE_CONFIG],
      useFactory: (config: NodeConfig) => ({
        defParamCharset: 'utf8',
        limits: { fileSize: config.ATTACHMENT_MAX_BYTES, files: 1, fields: 0, parts: 1, headerPairs: 100 },
      }),
    }),
  ],
  controllers: [AttachmentsController],
  providers: [AttachmentsRepository, AttachmentsService],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
