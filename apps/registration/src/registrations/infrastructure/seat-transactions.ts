import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { LockedSession, SessionRepository } from '../../sessions/infrastructure/session.repository';
import { TenantPolicy } from '../../tenants/domain/tenant-policy';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { SeatDecision, SessionSeats } from '../domain/session-seats';
import { RegistrationView } from '../domain/registration-view';
import { EventCause } from '../events/registration-events';
import { RegistrationRepository } from './registration.repository';
import { SeatDecisions } from './seat-decisions';

/** A session locked in a tenant transaction, with the tenant's policy and its seats as of now. */
export class LockedSeats {
  constructor(
    readonly manager: EntityManager,
    readonly session: LockedSession,
    readonly policy: TenantPolicy,
    readonly seats: SessionSeats,
    private readonly decisions: SeatDecisions,
  ) {}

  /** Applies a decision taken on these seats, at the seats' instant. */
  apply(decision: SeatDecision<RegistrationView>, cause: EventCause): Promise<void> {
    return this.decisions.apply(this.manager, this.session, decision, this.seats.now, cause);
  }
}

/** A registration read again once its session is locked. */
export interface LockedRegistration extends LockedSeats {
  readonly registration: RegistrationView;
}

/**
 * The transaction every seat decision runs in: the tenant's policy, then the session's lock
 * (so that concurrent decisions on one session queue up), then SessionSeats as of now.
 */
@Injectable()
export class SeatTransactions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly decisions: SeatDecisions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Runs `work` on the locked session; it gets null when the session is not known here. */
  onSession<T>(
    tenantId: string,
    sessionId: string,
    work: (locked: LockedSeats | null) => Promise<T>,
  ): Promise<T> {
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) =>
      work(await this.lockSession(manager, tenantId, sessionId)),
    );
  }

  /**
   * Runs `work` on a registration and its locked session; it gets null when the registration
   * (or its session) is gone, or when `worthLocking` turns down the registration as read before
   * the lock.
   */
  onRegistration<T>(
    tenantId: string,
    registrationId: string,
    work: (locked: LockedRegistration | null) => Promise<T>,
    worthLocking: (before: RegistrationView) => boolean = () => true,
  ): Promise<T> {
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const before = await this.registrations.find(manager, tenantId, registrationId);
      if (!before || !worthLocking(before)) return work(null);
      const locked = await this.lockSession(manager, tenantId, before.sessionId);
      // Read again under the lock: a concurrent decision may have changed it meanwhile.
      const registration = await this.registrations.find(manager, tenantId, registrationId);
      if (!locked || !registration) return work(null);
      return work(Object.assign(locked, { registration }));
    });
  }

  private async lockSession(
    manager: EntityManager,
    tenantId: string,
    sessionId: string,
  ): Promise<LockedSeats | null> {
    const policy = await this.tenants.policy(manager, tenantId);
    const session = await this.sessions.lock(manager, tenantId, sessionId);
    if (!session) return null;
    const seats = new SessionSeats(session, policy, this.clock.now());
    return new LockedSeats(manager, session, policy, seats, this.decisions);
  }
}
