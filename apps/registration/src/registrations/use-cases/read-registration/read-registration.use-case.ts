import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { retryTransient } from '@respire/platform';
import { TRANSACTION_RETRY_BUDGET_MS } from '@respire/tenancy';
import { RegistrationNotFoundError } from '../../domain/registration-errors';
import { toParticipantSession } from '../../dto/registration.response';
import { FeedbackVault } from '../../infrastructure/feedback-vault';
import { LinkedRegistrationQuery, PoolQueryable } from '../../infrastructure/linked-registration.query';

/**
 * A registration as its participant sees it on a link page (cancel, accept, feedback…): its
 * status and session, and the CPTS's slug for the page's branding. The caller has checked a
 * token for this registration; nothing here names the participant.
 */
@Injectable()
export class ReadRegistrationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly linked: LinkedRegistrationQuery,
    private readonly vault: FeedbackVault,
  ) {}

  async execute(tenantId: string, registrationId: string) {
    const mark = this.vault.givenMark(tenantId, registrationId);
    const registration = await retryTransient(
      () => this.linked.find(this.pool(), tenantId, registrationId, mark),
      {
        budgetMs: TRANSACTION_RETRY_BUDGET_MS,
      },
    );
    if (!registration) throw new RegistrationNotFoundError();
    const { session } = registration;
    return {
      id: registration.id,
      status: registration.status,
      tenantSlug: registration.tenantSlug,
      ...(registration.waitlistPosition !== null ? { waitlistPosition: registration.waitlistPosition } : {}),
      ...(registration.status === 'offered' && registration.offerExpiresAt
        ? { offerExpiresAt: registration.offerExpiresAt.toISOString() }
        : {}),
      feedbackGiven: registration.feedbackGiven,
      session: toParticipantSession(session),
    };
  }

  /** The service's node-postgres pool (TypeORM's own): one read needs no query runner. */
  private pool(): PoolQueryable {
    return (this.dataSource.driver as PostgresDriver).master as PoolQueryable;
  }
}
