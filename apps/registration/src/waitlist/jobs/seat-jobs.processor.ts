import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleInit } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { runTenantJob } from '@respire/jobs';
import { CLOCK, Clock } from '@respire/platform';
import { RegistrationEnv } from '../../config/env.schema';
import { REGISTRATION_CONFIG } from '../../config/registration-config';
import { CloseAttendanceUseCase } from '../use-cases/close-attendance/close-attendance.use-case';
import { ExpireOfferUseCase } from '../use-cases/expire-offer/expire-offer.use-case';
import { PromoteWaitlistUseCase } from '../use-cases/promote-waitlist/promote-waitlist.use-case';
import {
  CloseAttendanceJob,
  ExpireOfferJob,
  PromoteWaitlistJob,
  RegistrationQueue,
  SeatJob,
} from './seat-jobs';

/** The worker side of the seat jobs: each one calls its use case, which re-reads the database. */
@Processor(RegistrationQueue.Seats)
export class SeatJobsProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger('SeatJobs');

  constructor(
    private readonly promote: PromoteWaitlistUseCase,
    private readonly expireOffer: ExpireOfferUseCase,
    private readonly closeAttendance: CloseAttendanceUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationEnv,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.REGISTRATION_WORKER_CONCURRENCY;
  }

  async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name as SeatJob) {
      case SeatJob.PromoteWaitlist:
        return runTenantJob(job as Job<PromoteWaitlistJob>, (data) => this.promote.execute(data));
      case SeatJob.ExpireOffer: {
        const result = await runTenantJob(job as Job<ExpireOfferJob>, (data) =>
          this.expireOffer.execute(data),
        );
        if (result.outcome === 'not-due') await this.comeBackAt(job, result.dueAt, token);
        return result;
      }
      case SeatJob.CloseAttendance: {
        const result = await runTenantJob(job as Job<CloseAttendanceJob>, (data) =>
          this.closeAttendance.execute(data),
        );
        if (result.outcome === 'not-due') await this.comeBackAt(job, result.dueAt, token);
        return result;
      }
      default:
        this.logger.warn(`unknown job ${job.name} (${job.id}) ignored`);
        return null;
    }
  }

  /** The job fired before its time by this service's clock (Redis's clock differs): wait again. */
  private async comeBackAt(job: Job, dueAt: Date, token?: string): Promise<never> {
    await job.moveToDelayed(Date.now() + this.clock.msUntil(dueAt) + 10, token);
    throw new DelayedError();
  }
}
