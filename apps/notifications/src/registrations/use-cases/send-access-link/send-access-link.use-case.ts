import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, RegistrationAccessLinkRequestedV1 } from '@respire/contracts';
import { DeliveryLog } from '../../../deliveries/delivery-log';
import { clockTime, longDate } from '../../../messages/domain/french-time';
import { tenantVariables } from '../../../messages/domain/participant-message';
import { TemplateKey } from '../../../templates/domain/template-key';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';

/**
 * A participant asked for their "my registrations" link: it is mailed to their address, and only
 * there (whoever typed the address sees nothing of it). About no session or registration.
 */
@Injectable()
export class SendAccessLinkUseCase {
  constructor(
    private readonly tenants: TenantDirectoryRepository,
    private readonly deliveries: DeliveryLog,
  ) {}

  async execute(manager: EntityManager, event: EventEnvelope<RegistrationAccessLinkRequestedV1>): Promise<void> {
    const { tenantId, data } = event;
    const tenant = await this.tenants.settings(manager, tenantId);
    await this.deliveries.record(
      manager,
      {
        tenantId,
        causeId: event.id,
        template: TemplateKey.AccessLink,
        recipient: data.email,
        recipientName: data.firstName,
        registrationId: null,
        participantId: data.participantId,
        sessionId: null,
        context: {
          ...tenantVariables(tenant),
          participant: { firstName: data.firstName },
          access: { expiresDate: longDate(data.expiresAt, tenant.timezone), expiresTime: clockTime(data.expiresAt, tenant.timezone) },
          links: { access: data.link },
        },
        calendar: null,
      },
      { correlationId: event.correlationId },
    );
  }
}
