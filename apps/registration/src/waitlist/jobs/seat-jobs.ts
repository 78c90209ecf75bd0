import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { EntityManager } from 'typeorm';
import { deterministicJobId, TenantJobData, withTrace } from '@respire/jobs';
import { withTimeout, CLOCK, Clock } from '@respire/platform';
import { afterCommit } from '@respire/tenancy';

export enum RegistrationQueue {
  Seats = 'registration-seats',
}

export enum SeatJob {
  PromoteWaitlist = 'promote-waitlist',
  ExpireOffer = 'expire-offer',
  CloseAttendance = 'close-attendance',
}

export interface PromoteWaitlistJob extends TenantJobData {
  sessionId: string;
}
export interface ExpireOfferJob extends TenantJobData {
  registrationId: string;
}
export interface CloseAttendanceJob extends TenantJobData {
  sessionId: string;
}

export type SeatJobData = {
  [SeatJob.PromoteWaitlist]: PromoteWaitlistJob;
  [SeatJob.ExpireOffer]: ExpireOfferJob;
  [SeatJob.CloseAttendance]: CloseAttendanceJob;
};

const COMMON: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  // Completed jobs go at once so that the same id can be scheduled again; failures stay a week.
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Enqueues the seat jobs with ids derived from what they are about: a duplicate (retried
 * request, redelivered event, the sweep) adds nothing. The database stays the source of truth;
 * each job re-reads it and does nothing when there is nothing left to do.
 */
@Injectable()
export class SeatJobs {
  constructor(
    @InjectQueue(RegistrationQueue.Seats) private readonly queue: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Give freed seats to the waitlist; `cause` (what freed them) makes the id unique per cause. */
  promoteWaitlist(tenantId: string, sessionId: string, cause: string, correlationId?: string) {
    return this.add(
      SeatJob.PromoteWaitlist,
      { tenantId, sessionId, correlationId },
      deterministicJobId(SeatJob.PromoteWaitlist, sessionId, cause),
    );
  }

  expireOffer(tenantId: string, registrationId: string, expiresAt: Date, correlationId?: string) {
    return this.add(
      SeatJob.ExpireOffer,
      { tenantId, registrationId, correlationId },
      expireOfferJobId(registrationId, expiresAt),
      expiresAt,
    );
  }

  closeAttendance(tenantId: string, sessionId: string, at: Date) {
    return this.add(
      SeatJob.CloseAttendance,
      { tenantId, sessionId },
      closeAttendanceJobId(sessionId, at),
      at,
    );
  }

  /** The same, once `manager`'s transaction has committed. */
  later(manager: EntityManager) {
    return {
      promoteWaitlist: (tenantId: string, sessionId: string, cause: string, correlationId?: string) =>
        afterCommit(manager, () => this.promoteWaitlist(tenantId, sessionId, cause, correlationId)),
      expireOffer: (tenantId: string, registrationId: string, expiresAt: Date, correlationId?: string) =>
        afterCommit(manager, () => this.expireOffer(tenantId, registrationId, expiresAt, correlationId)),
      closeAttendance: (tenantId: string, sessionId: string, at: Date) =>
        afterCommit(manager, () => this.closeAttendance(tenantId, sessionId, at)),
    };
  }

  async exists(jobId: string): Promise<boolean> {
    return (await this.queue.getJob(jobId)) != null;
  }

  private async add<N extends SeatJob>(
    name: N,
    data: SeatJobData[N],
    jobId: string,
    at?: Date,
  ): Promise<void> {
    const delay = at ? this.clock.msUntil(at) : 0;
    await withTimeout(
      this.queue.add(name, withTrace(data), { ...COMMON, jobId, delay }),
      5000,
      `enqueue ${name}`,
    );
  }
}

export function expireOfferJobId(registrationId: string, expiresAt: Date): string {
  return deterministicJobId(SeatJob.ExpireOffer, registrationId, expiresAt.getTime());
}

export function closeAttendanceJobId(sessionId: string, at: Date): string {
  return deterministicJobId(SeatJob.CloseAttendance, sessionId, at.getTime());
}
