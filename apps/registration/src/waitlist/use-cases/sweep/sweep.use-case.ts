import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { RegistrationEnv } from '../../../config/env.schema';
import { REGISTRATION_CONFIG } from '../../../config/registration-config';
import { attendanceClosesAt, canPromote } from '../../../registrations/domain/session-seats';
import { IdempotencyRepository } from '../../../registrations/infrastructure/idempotency.repository';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { ReleaseFeedbackUseCase } from '../../../registrations/use-cases/release-feedback/release-feedback.use-case';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { SeatJobs } from '../../jobs/seat-jobs';
import { CloseAttendanceUseCase } from '../close-attendance/close-attendance.use-case';
import { ExpireOfferUseCase } from '../expire-offer/expire-offer.use-case';
import { PromoteWaitlistUseCase } from '../promote-waitlist/promote-waitlist.use-case';

const IDEMPOTENCY_KEYS_KEPT_MS = 7 * 24 * 3600_000;

export interface SweepReport {
  tenants: number;
  offersExpired: number;
  offerJobsEnsured: number;
  sessionsPromoted: number;
  attendanceClosed: number;
  attendanceJobsEnsured: number;
  feedbackReleased: number;
  failures: number;
}

/**
 * The database is the source of truth for every pending piece of seat work; Redis only holds
 * the timers. The sweep walks the database and (1) does at once what is overdue — offers past
 * their expiry, attendance past its closing time, free seats with people waiting — and (2)
 * re-enqueues the jobs of what is still pending, which the deterministic job ids make a no-op
 * when they already exist. Run at the worker's start and periodically: a Redis that lost its
 * keys is repaired within one interval. It also releases the feedback whose batch is due
 * (ReleaseFeedbackUseCase).
 */
@Injectable()
export class SweepUseCase {
  private readonly logger = new Logger('Sweep');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly jobs: SeatJobs,
    private readonly promote: PromoteWaitlistUseCase,
    private readonly expireOffer: ExpireOfferUseCase,
    private readonly closeAttendance: CloseAttendanceUseCase,
    private readonly releaseFeedback: ReleaseFeedbackUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationEnv,
  ) {}

  async execute(): Promise<SweepReport> {
    const report: SweepReport = {
      tenants: 0,
      offersExpired: 0,
      offerJobsEnsured: 0,
      sessionsPromoted: 0,
      attendanceClosed: 0,
      attendanceJobsEnsured: 0,
      feedbackReleased: 0,
      failures: 0,
    };
    const tenantIds = await this.tenants.allTenantIds(this.dataSource.manager);
    for (const tenantId of tenantIds) {
      report.tenants += 1;
      try {
        await this.sweepTenant(tenantId, report);
      } catch (error) {
        report.failures += 1;
        this.logger.warn(`sweep of tenant ${tenantId} failed: ${(error as Error).message}`);
      }
    }
    return report;
  }

  private async sweepTenant(tenantId: string, report: SweepReport): Promise<void> {
    const now = this.clock.now();
    const { offers, promotable, attendance } = await runInTenantTransaction(
      this.dataSource,
      tenantId,
      async (manager) => {
        await this.idempotency.purgeOlderThan(
          manager,
          tenantId,
          new Date(now.getTime() - IDEMPOTENCY_KEYS_KEPT_MS),
        );
        const policy = await this.tenants.policy(manager, tenantId);
        const candidates = await this.sessions.withFreeSeatsAndWaitlist(manager, tenantId);
        const promotable: string[] = [];
        for (const sessionId of candidates) {
          const session = await this.sessions.find(manager, tenantId, sessionId);
          if (session && canPromote(session, policy, now)) promotable.push(sessionId);
        }
        return {
          offers: await this.registrations.pendingOffers(manager, tenantId),
          promotable,
          attendance: await this.sessions.withOpenAttendance(manager, tenantId),
        };
      },
    );

    for (const offer of offers) {
      if (offer.expiresAt <= now) {
        const result = await this.expireOffer.execute({ tenantId, registrationId: offer.id });
        if (result.outcome === 'expired') report.offersExpired += 1;
      } else {
        await this.jobs.expireOffer(tenantId, offer.id, offer.expiresAt);
        report.offerJobsEnsured += 1;
      }
    }
    for (const sessionId of promotable) {
      if ((await this.promote.execute({ tenantId, sessionId })) > 0) report.sessionsPromoted += 1;
    }
    for (const session of attendance) {
      const closesAt = attendanceClosesAt(session, this.config.REGISTRATION_NO_SHOW_DELAY_MINUTES);
      if (closesAt <= now) {
        const result = await this.closeAttendance.execute({ tenantId, sessionId: session.id });
        if (result.outcome === 'closed') report.attendanceClosed += 1;
      } else {
        await this.jobs.closeAttendance(tenantId, session.id, closesAt);
        report.attendanceJobsEnsured += 1;
      }
    }
    report.feedbackReleased += await this.releaseFeedback.execute(tenantId);
  }
}
