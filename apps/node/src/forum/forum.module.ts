import { Module } from '@nestjs/common';
import { SharingModule } from '../sharing/sharing.module';
import { NodeForumController } from './forum.controller';
import { NodeForumService } from './forum.service';

/** The hub's forum and unit directory for this node's officers (docs/adr-forum.md); needs the global hub client. */
@Module({
  imports: [SharingModule],
  controllers: [NodeForumController],
  providers: [NodeForumService],
})
export class NodeForumModule {}
