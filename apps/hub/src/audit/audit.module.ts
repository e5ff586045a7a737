import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AuditLogService } from './audit-log.service';
import { AuditTreeService } from './audit-tree.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditExportService } from './export/audit-export.service';
import { TREE_HEAD_QUEUE } from './tree-heads/tree-head.jobs';
import { TreeHeadProcessor } from './tree-heads/tree-head.processor';
import { TreeHeadScheduler } from './tree-heads/tree-head.scheduler';
import { TreeHeadService } from './tree-heads/tree-head.service';

/**
 * The audit log's recording seam and its tree; global because every capability that changes
 * state records into it (AuditService) and a receipt may name a tree head (TreeHeadService).
 */
@Global()
@Module({
  providers: [AuditRepository, AuditService, AuditTreeService, TreeHeadService, AuditLogService, AuditExportService],
  exports: [AuditService, AuditTreeService, TreeHeadService, AuditLogService, AuditExportService],
})
export class AuditModule {}

/** The audit log's API (tree heads, proofs, leaves) and the repeatable tree-head job. */
@Module({
  imports: [AuthModule, BullModule.registerQueue({ name: TREE_HEAD_QUEUE })],
  controllers: [AuditController],
  providers: [TreeHeadProcessor, TreeHeadScheduler],
})
export class AuditApiModule {}
