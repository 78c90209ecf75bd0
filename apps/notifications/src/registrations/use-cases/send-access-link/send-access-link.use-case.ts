import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, RegistrationAccessLinkRequestedV1 } from '@respire/contracts';
import { clockTime, longDate } from '../../../messages/domain/french-time';
import { TemplateKey } from '../../../templates/domain/template-key';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { ParticipantNotifier } from '../../participant-notifier';

/**
 * A participant asked for their "my registrations" link: it is mailed to their address, and only
 * there (whoever typed the address sees nothing of it). About no session or registration.
 */
@Injectable()
export class SendAccessLinkUseCase {
  constructor(
    private readonly tenants: TenantDirectoryRepository,
    private readonly notifier: ParticipantNotifier,
  ) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<RegistrationAccessLinkRequestedV1>,
  ): Promise<void> {
    const { tenantId, data } = event;
    const tenant = await this.tenants.settings(manager, tenantId);
    await this.notifier.notifyAccount(
      manager,
      {
        tenant,
        to: { participantId: data.participantId, email: data.email, firstName: data.firstName },
        template: TemplateKey.AccessLink,
        causeId: event.id,
        variables: {
          access: {
            expiresDate: longDate(data.expiresAt, tenant.timezone),
            expiresTime: clockTime(data.expiresAt, tenant.timezone),
          },
          links: { access: data.link },
        },
      },
      { correlationId: event.correlationId },
    );
  }
}
