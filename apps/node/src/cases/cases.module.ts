import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AnswersController } from './answers/answers.controller';
import { AnswersService } from './answers/answers.service';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { DEADLINE_QUEUE } from './deadlines/deadline.jobs';
import { DeadlinesProcessor } from './deadlines/deadlines.processor';
import { DeadlinesService } from './deadlines/deadlines.service';
import { OutboxController } from './outbox/outbox.controller';
import { OutboxSweep } from './outbox/outbox-sweep';
import { OutboxService } from './outbox/outbox.service';
import { SUBMIT_QUEUE } from './outbox/submit.jobs';
import { SubmitProcessor } from './outbox/submit.processor';
import { HubSubmissions } from './outbox/hub-submissions';
import { SubmitRows } from './outbox/submit-rows';
import { SubmitService } from './outbox/submit.service';

/**
 * Cases (docs/adr-cases.md): the outbox (draft, four-eyes approval, submission), answers to
 * received requests, and deadlines. The queue workers run only with `sync` (HUB_URL set): a
 * node not enrolled keeps what it approves queued.
 */
@Module({})
export class CasesModule {
  static forRoot(options: { sync: boolean }): DynamicModule {
    return {
      module: CasesModule,
      imports: [AttachmentsModule, BullModule.registerQueue({ name: SUBMIT_QUEUE }, { name: DEADLINE_QUEUE })],
      controllers: [OutboxController, AnswersController, DashboardController],
      providers: [OutboxService, AnswersService, DashboardService, SubmitService, SubmitRows, HubSubmissions, DeadlinesService, ...(options.sync ? [SubmitProcessor, DeadlinesProcessor, OutboxSweep] : [])],
    };
  }
}
