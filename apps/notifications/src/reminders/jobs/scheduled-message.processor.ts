import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { runTenantJob } from '@respire/jobs';
import { SendAlertDigestUseCase } from '../../alerts/use-cases/send-alert-digest.use-case';
import {
  AlertDigestJob,
  FacilitatorDigestJob,
  FeedbackRequestJob,
  JobName,
  NotificationQueue,
  ReminderJob,
  ScheduledJob,
} from '../../infrastructure/queues';
import { RequestFeedbackUseCase } from '../use-cases/request-feedback/request-feedback.use-case';
import { SendFacilitatorDigestUseCase } from '../use-cases/send-facilitator-digest/send-facilitator-digest.use-case';
import { SendReminderUseCase } from '../use-cases/send-reminder/send-reminder.use-case';

/** Due reminders, feedback requests, facilitator digests and new-session alert digests: each records its delivery (if it still holds). */
@Processor(NotificationQueue.Scheduled)
export class ScheduledMessageProcessor extends WorkerHost {
  constructor(
    private readonly reminder: SendReminderUseCase,
    private readonly feedback: RequestFeedbackUseCase,
    private readonly digest: SendFacilitatorDigestUseCase,
    private readonly alertDigest: SendAlertDigestUseCase,
  ) {
    super();
  }

  process(job: Job<ScheduledJob>): Promise<unknown> {
    return runTenantJob<ScheduledJob, unknown>(job, (data) => {
      switch (job.name as JobName) {
        case JobName.Reminder:
          return this.reminder.execute(data as ReminderJob);
        case JobName.FeedbackRequest:
          return this.feedback.execute(data as FeedbackRequestJob);
        case JobName.FacilitatorDigest:
          return this.digest.execute(data as FacilitatorDigestJob);
        case JobName.AlertDigest:
          return this.alertDigest.execute(data as AlertDigestJob);
        default:
          throw new Error(`unknown job ${job.name}`);
      }
    });
  }
}
