import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { createEvent, PARTICIPANT_ERASED_V1 } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { AccessTokens } from '../../../links/access-token';
import { EVENT_SOURCE } from '../../../registrations/events/registration-events';
import { ErasureBlockedByUpcomingError, ParticipantNotFoundError } from '../../domain/erasure-errors';
import { ParticipantErasureRepository } from '../../infrastructure/participant-erasure.repository';

export interface ErasureAnswer {
  participantId: string;
  erasedAt: string;
}

/**
 * Erases a participant's personal data (GDPR art. 17) and tells every service through
 * registration.participant-erased, in one transaction. Erasing again answers as the first time
 * and publishes nothing. Refused while they hold a place in a session to come (409): cancel first.
 */
@Injectable()
export class EraseParticipantUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly erasure: ParticipantErasureRepository,
    private readonly outbox: Outbox,
    private readonly tokens: AccessTokens,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A coordinator, on the person's behalf. */
  byCoordinator(tenantId: string, participantId: string, correlationId?: string): Promise<ErasureAnswer> {
    return runInTenantTransaction(this.dataSource, tenantId, (manager) =>
      this.eraseIn(manager, tenantId, participantId, correlationId),
    );
  }

  /** The person themselves, holding the link mailed to their address ("my registrations"). */
  byOwnLink(token: string, correlationId?: string): Promise<ErasureAnswer> {
    const { tenantId, participantId } = this.tokens.verify(token, this.clock.now());
    return runInTenantTransaction(this.dataSource, tenantId, (manager) =>
      this.eraseIn(manager, tenantId, participantId, correlationId),
    );
  }

  /** In the caller's tenant transaction (the retention job erases several in one). */
  async eraseIn(
    manager: EntityManager,
    tenantId: string,
    participantId: string,
    correlationId?: string,
  ): Promise<ErasureAnswer> {
    const now = this.clock.now();
    const subject = await this.erasure.lock(manager, tenantId, participantId, now);
    if (!subject) throw new ParticipantNotFoundError();
    if (subject.erasedAt) return { participantId, erasedAt: subject.erasedAt.toISOString() };
    if (subject.upcoming > 0) throw new ErasureBlockedByUpcomingError(subject.upcoming);
    await this.erasure.erase(manager, tenantId, participantId, now);
    await this.outbox.add(
      manager,
      createEvent(
        PARTICIPANT_ERASED_V1,
        { participantId },
        {
          tenantId,
          source: EVENT_SOURCE,
          subject: participantId,
          occurredAt: now,
          correlationId,
          causationId: null,
        },
      ),
    );
    return { participantId, erasedAt: now.toISOString() };
  }
}
