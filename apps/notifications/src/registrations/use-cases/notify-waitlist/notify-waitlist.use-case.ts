import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope,
  RegistrationOfferDeclinedV1,
  RegistrationOfferedV1,
  RegistrationOfferExpiredV1,
  RegistrationWaitlistedV1,
} from '@respire/contracts';
import { DeliveryLog } from '../../../deliveries/delivery-log';
import { clockTime, longDate } from '../../../messages/domain/french-time';
import { participantMessage } from '../../../messages/domain/participant-message';
import { TemplateKey } from '../../../templates/domain/template-key';
import { RegistrationRepository } from '../../infrastructure/registration.repository';
import { RegistrationContext } from '../../registration-context';

/** The waitlist's messages: joined (with the position), a seat offered (links, expiry in local time), offer expired. */
@Injectable()
export class NotifyWaitlistUseCase {
  constructor(
    private readonly context: RegistrationContext,
    private readonly registrations: RegistrationRepository,
    private readonly deliveries: DeliveryLog,
  ) {}

  async waitlisted(manager: EntityManager, event: EventEnvelope<RegistrationWaitlistedV1>): Promise<void> {
    const { tenantId, data } = event;
    const { tenant, session, over } = await this.context.load(
      manager,
      tenantId,
      data.sessionId,
      data.session,
    );
    await this.registrations.save(manager, {
      ...this.base(tenantId, data),
      status: 'waitlisted',
      links: { cancel: data.links.cancel },
      notifiedSequence: session.sequence,
    });
    if (!over)
      await this.deliveries.record(
        manager,
        participantMessage({
          tenant,
          session,
          to: { ...data },
          template: TemplateKey.RegistrationWaitlisted,
          causeId: event.id,
          variables: { waitlist: { position: data.position }, links: { cancel: data.links.cancel } },
        }),
        { correlationId: event.correlationId },
      );
  }

  async offered(manager: EntityManager, event: EventEnvelope<RegistrationOfferedV1>): Promise<void> {
    const { tenantId, data } = event;
    const { tenant, session, over } = await this.context.load(
      manager,
      tenantId,
      data.sessionId,
      data.session,
    );
    await this.registrations.save(manager, {
      ...this.base(tenantId, data),
      status: 'offered',
      links: { accept: data.links.accept, decline: data.links.decline },
      notifiedSequence: session.sequence,
    });
    if (!over)
      await this.deliveries.record(
        manager,
        participantMessage({
          tenant,
          session,
          to: { ...data },
          template: TemplateKey.OfferMade,
          causeId: event.id,
          variables: {
            offer: this.expiry(data.offerExpiresAt, session.timezone),
            links: { accept: data.links.accept, decline: data.links.decline },
          },
        }),
        { correlationId: event.correlationId },
      );
  }

  async offerExpired(
    manager: EntityManager,
    event: EventEnvelope<RegistrationOfferExpiredV1>,
  ): Promise<void> {
    const { tenantId, data } = event;
    const { tenant, session, over } = await this.context.load(
      manager,
      tenantId,
      data.sessionId,
      data.session,
    );
    await this.registrations.save(manager, { ...this.base(tenantId, data), status: 'expired', links: {} });
    if (!over)
      await this.deliveries.record(
        manager,
        participantMessage({
          tenant,
          session,
          to: { ...data },
          template: TemplateKey.OfferExpired,
          causeId: event.id,
          variables: { offer: this.expiry(data.offerExpiresAt, session.timezone) },
        }),
        { correlationId: event.correlationId },
      );
  }

  /** The participant declined themselves: nothing to send, the registration is over. */
  async offerDeclined(
    manager: EntityManager,
    event: EventEnvelope<RegistrationOfferDeclinedV1>,
  ): Promise<void> {
    const { tenantId, data } = event;
    const existing = await this.registrations.find(manager, tenantId, data.registrationId);
    if (existing) await this.registrations.setStatus(manager, tenantId, data.registrationId, 'declined');
  }

  private base(
    tenantId: string,
    data: {
      registrationId: string;
      sessionId: string;
      participantId: string;
      email: string;
      firstName: string;
    },
  ) {
    return {
      tenantId,
      registrationId: data.registrationId,
      sessionId: data.sessionId,
      participantId: data.participantId,
      email: data.email,
      firstName: data.firstName,
      notifiedSequence: null,
      remindersFrom: null,
    };
  }

  private expiry(offerExpiresAt: string, timezone: string) {
    return {
      expiresDate: longDate(offerExpiresAt, timezone),
      expiresTime: clockTime(offerExpiresAt, timezone),
    };
  }
}
