import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Outbox } from '@respire/messaging';
import { retryTransient, CLOCK, Clock } from '@respire/platform';
import { runInTenantTransaction, TRANSACTION_RETRY_BUDGET_MS } from '@respire/tenancy';
import { RegistrationEnv } from '../../../config/env.schema';
import { REGISTRATION_CONFIG } from '../../../config/registration-config';
import { ACCESS_LINK_HOURS, accessLinkUrl, AccessTokens } from '../../../links/access-token';
import { nextAccessLink } from '../../../registrations/domain/access-link-throttle';
import { TenantNotFoundError } from '../../../registrations/domain/registration-errors';
import { RegistrationEvents } from '../../../registrations/events/registration-events';
import { ParticipantRepository } from '../../../registrations/infrastructure/participant.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';

export interface RequestAccessLinkCommand {
  slug: string;
  /** Normalised (trimmed, lower case), as registrations store it. */
  email: string;
  correlationId?: string;
}

/**
 * Someone asks for the "my registrations" link of an address. When the address is a participant
 * of this CPTS, and fewer than three links went to it this hour, a link is signed and
 * registration.access-link-requested is written to the outbox (notifications mails it). An
 * unknown address changes nothing. The caller answers the same either way: nobody learns from
 * it whether an address is registered.
 */
@Injectable()
export class RequestAccessLinkUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectoryRepository,
    private readonly participants: ParticipantRepository,
    private readonly tokens: AccessTokens,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationEnv,
  ) {}

  async execute(command: RequestAccessLinkCommand): Promise<void> {
    const tenant = await retryTransient(
      () => this.tenants.findBySlug(this.dataSource.manager, command.slug),
      {
        budgetMs: TRANSACTION_RETRY_BUDGET_MS,
      },
    );
    if (!tenant) throw new TenantNotFoundError();
    const { tenantId } = tenant;
    await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const now = this.clock.now();
      const participant = await this.participants.lockByEmail(manager, tenantId, command.email);
      if (!participant) return;
      const next = nextAccessLink(participant.accessWindow, now);
      if (!next.send) return;
      await this.participants.saveAccessWindow(manager, tenantId, participant.id, next.window);
      const expiresAt = new Date(now.getTime() + ACCESS_LINK_HOURS * 3600_000);
      const url = accessLinkUrl(
        this.config.PUBLIC_BASE_URL,
        this.tokens.sign({ tenantId, participantId: participant.id, expiresAt }),
      );
      await this.outbox.add(
        manager,
        this.events.accessLinkRequested(tenantId, participant, { url, expiresAt }, now, {
          correlationId: command.correlationId,
        }),
      );
    });
  }
}
