import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { runInTenantTransaction, afterCommit } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { RegistrationMetrics } from '../../../infrastructure/registration.metrics';
import { canPromote, offerExpiry } from '../../../registrations/domain/seat-rules';
import { EventCause, RegistrationEvents } from '../../../registrations/events/registration-events';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { freeSeats, TenantPolicy } from '../../../sessions/domain/session-copy';
import { LockedSession, SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { SeatJobs } from '../../jobs/seat-jobs';

export interface PromoteWaitlistCommand {
  tenantId: string;
  sessionId: string;
  correlationId?: string;
}

/**
 * Gives a session's free seats to its waitlist, first come first served: an offer held until
 * min(now + TTL, start − cutoff), or a confirmation when the tenant auto-confirms. Nothing once
 * the session is too close (people stay waitlisted). Safe to run any number of times: it works
 * from the seats and the waitlist as the database holds them, under the session's lock.
 */
@Injectable()
export class PromoteWaitlistUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    private readonly jobs: SeatJobs,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: RegistrationMetrics,
  ) {}

  async execute(command: PromoteWaitlistCommand): Promise<number> {
    return runInTenantTransaction(this.dataSource, command.tenantId, async (manager) => {
      const session = await this.sessions.lock(manager, command.tenantId, command.sessionId);
      if (!session) return 0;
      const policy = await this.tenants.policy(manager, command.tenantId);
      return this.within(manager, session, policy, { correlationId: command.correlationId });
    });
  }

  /** Inside a transaction that already holds the session's lock. Returns how many were promoted. */
  async within(manager: EntityManager, locked: LockedSession, policy: TenantPolicy, cause: EventCause): Promise<number> {
    const now = this.clock.now();
    const session = await this.sessions.refresh(manager, locked);
    if (!canPromote(session, policy, now)) return 0;
    const next = await this.registrations.nextWaitlisted(manager, session, freeSeats(session));
    const events: EventEnvelope[] = [];
    for (const registration of next) {
      if (policy.waitlistMode === 'auto-confirm') {
        await this.registrations.changeStatus(manager, session, registration, {
          status: 'confirmed',
          at: now,
          confirmedVia: 'auto-promotion',
        });
        events.push(this.events.confirmed(registration, session, 'auto-promotion', now, cause));
      } else {
        const expiresAt = offerExpiry(session, policy, now)!;
        await this.registrations.changeStatus(manager, session, registration, { status: 'offered', at: now, offerExpiresAt: expiresAt });
        events.push(this.events.offered(registration, session, expiresAt, now, cause));
        this.jobs.later(manager).expireOffer(session.tenantId, registration.id, expiresAt, cause.correlationId);
      }
    }
    await this.outbox.addAll(manager, events);
    if (next.length > 0) {
      const outcome = policy.waitlistMode === 'auto-confirm' ? 'auto-confirmed' : 'offered';
      afterCommit(manager, () => this.metrics.offers.inc({ outcome }, next.length));
    }
    return next.length;
  }
}
