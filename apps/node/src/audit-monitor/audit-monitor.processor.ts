import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { AUDIT_MONITOR_QUEUE } from './audit-monitor.jobs';
import { type AuditMonitorRun, AuditMonitorService } from './audit-monitor.service';

/** Thin: one monitor run per job; a failure to reach the hub is logged and waits for the next run. */
@Processor(AUDIT_MONITOR_QUEUE)
export class AuditMonitorProcessor extends WorkerHost {
  private readonly logger = new Logger(AuditMonitorProcessor.name);

  constructor(private readonly monitor: AuditMonitorService) {
    super();
  }

  async process(): Promise<AuditMonitorRun> {
    try {
      return await this.monitor.run();
    } catch (error) {
      this.logger.warn({ err: error }, 'audit monitor run failed');
      throw error;
    }
  }
}
