import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Outbox } from '@respire/messaging';
import { runInTenantTransaction, afterCommit } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { RegistrationMetrics } from '../../../infrastructure/registration.metrics';
import { RegistrationEvents } from '../../../registrations/events/registration-events';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { PromoteWaitlistUseCase } from '../promote-waitlist/promote-waitlist.use-case';

export interface ExpireOfferCommand {
  tenantId: string;
  registrationId: string;
  correlationId?: string;
}

export type ExpireOfferResult = { outcome: 'expired'; promoted: number } | { outcome: 'not-due'; dueAt: Date } | { outcome: 'nothing-to-do' };

/**
 * An offer not accepted in time: the registration becomes `expired` and, in the same
 * transaction, the seat goes to the next person waiting. Early (the job ran before the expiry
 * by this service's clock) it says when to come back; already answered, it does nothing.
 */
@Injectable()
export class ExpireOfferUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    private readonly promote: PromoteWaitlistUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: RegistrationMetrics,
  ) {}

  async execute(command: ExpireOfferCommand): Promise<ExpireOfferResult> {
    return runInTenantTransaction(this.dataSource, command.tenantId, async (manager) => {
      const before = await this.registrations.find(manager, command.tenantId, command.registrationId);
      if (!before || before.status !== 'offered') return { outcome: 'nothing-to-do' as const };
      const session = await this.sessions.lock(manager, command.tenantId, before.sessionId);
      const registration = await this.registrations.find(manager, command.tenantId, command.registrationId);
      if (!session || !registration || registration.status !== 'offered') return { outcome: 'nothing-to-do' as const };

      const now = this.clock.now();
      if (registration.offerExpiresAt! > now) return { outcome: 'not-due' as const, dueAt: registration.offerExpiresAt! };

      const cause = { correlationId: command.correlationId };
      await this.registrations.changeStatus(manager, session, registration, { status: 'expired', at: now });
      await this.outbox.add(manager, this.events.offerExpired(registration, session, now, cause));
      afterCommit(manager, () => this.metrics.offers.inc({ outcome: 'expired' }));
      const policy = await this.tenants.policy(manager, command.tenantId);
      const promoted = await this.promote.within(manager, session, policy, cause);
      return { outcome: 'expired' as const, promoted };
    });
  }
}
