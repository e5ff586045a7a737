import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { AUDIT_MONITOR_QUEUE } from './audit-monitor.jobs';
import { AuditMonitorProcessor } from './audit-monitor.processor';
import { AuditMonitorRepository } from './audit-monitor.repository';
import { AuditMonitorScheduler } from './audit-monitor.scheduler';
import { AuditMonitorService } from './audit-monitor.service';

/**
 * The node's witness of the hub's audit log. With `sync` (HUB_URL set) the repeatable job
 * runs and /health gains 'audit' (through the directory module's HEALTH_CHECKS); global so
 * that list can reach the service.
 */
@Module({})
export class AuditMonitorModule {
  static forRoot(options: { sync: boolean }): DynamicModule {
    return {
      module: AuditMonitorModule,
      global: true,
      imports: options.sync ? [BullModule.registerQueue({ name: AUDIT_MONITOR_QUEUE })] : [],
      providers: [AuditMonitorRepository, AuditMonitorService, ...(options.sync ? [AuditMonitorProcessor, AuditMonitorScheduler] : [])],
      exports: [AuditMonitorService],
    };
  }
}
