import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AuthModule } from '../auth/auth.module';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { DirectoryModule } from '../directory/directory.module';
import { SharingModule } from '../sharing/sharing.module';
import { LibraryController } from './library.controller';
import { LibraryReadService } from './library-read.service';
import { LibraryRepository } from './library.repository';
import { LibraryService } from './library.service';

/**
 * The document library (docs/adr-library.md): uploads signed by the officer's node, text
 * extraction, the personal-data guard, versions, full-text search and downloads, for nodes.
 * Multipart bodies are parsed by multer (no storage set: in memory) within LIBRARY_MAX_FILE_BYTES: it stops
 * reading a larger file (413), so no upload is buffered beyond the limit.
 */
@Module({
  imports: [
    AuthModule,
    DirectoryModule,
    SharingModule,
    MulterModule.registerAsync({
      inject: [HUB_CONFIG],
      useFactory: (config: HubConfig) => ({
        limits: { fileSize: config.LIBRARY_MAX_FILE_BYTES, files: 1, fields: 4, fieldSize: 512 * 1024, parts: 5, headerPairs: 100 },
      }),
    }),
  ],
  controllers: [LibraryController],
  providers: [LibraryRepository, LibraryService, LibraryReadService],
  // The forum links to documents through the repository's visibility rule.
  exports: [LibraryRepository],
})
export class LibraryModule {}
