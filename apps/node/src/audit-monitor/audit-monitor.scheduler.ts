import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { NODE_CONFIG, type NodeConfig } from '../config/node-config';
import { AUDIT_MONITOR_JOB_OPTIONS, AUDIT_MONITOR_QUEUE, AUDIT_MONITOR_SCHEDULER, type AuditMonitorJob } from './audit-monitor.jobs';

/** Registers (or updates) the repeatable monitor run on the node's queue prefix at start. */
@Injectable()
export class AuditMonitorScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(AUDIT_MONITOR_QUEUE) private readonly queue: Queue<AuditMonitorJob['data'], unknown, AuditMonitorJob['name']>,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(AUDIT_MONITOR_SCHEDULER, { every: this.config.AUDIT_MONITOR_SECONDS * 1000 }, { name: 'monitor', data: {}, opts: AUDIT_MONITOR_JOB_OPTIONS });
  }
}
