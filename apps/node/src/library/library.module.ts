import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { NODE_CONFIG, type NodeConfig } from '../config/node-config';
import { SharingModule } from '../sharing/sharing.module';
import { LibraryController } from './library.controller';
import { LibraryService } from './library.service';

/**
 * The hub library for this node's officers (docs/adr-library.md). Needs the global
 * NodeDirectoryModule (hub client, directory keys). Uploads are parsed by multer in memory
 * within LIBRARY_MAX_FILE_BYTES (it stops reading a larger file: 413); file names as UTF-8.
 */
@Module({
  imports: [
    SharingModule,
    MulterModule.registerAsync({
      inject: [NODE_CONFIG],
      useFactory: (config: NodeConfig) => ({
        defParamCharset: 'utf8',
        limits: { fileSize: config.LIBRARY_MAX_FILE_BYTES, files: 1, fields: 4, fieldSize: 256 * 1024, parts: 5, headerPairs: 100 },
      }),
    }),
  ],
  controllers: [LibraryController],
  providers: [LibraryService],
})
export class LibraryModule {}
