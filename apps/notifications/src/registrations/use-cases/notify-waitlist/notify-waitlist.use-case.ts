import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope,
  RegistrationOfferDeclinedV1,
  RegistrationOfferedV1,
  RegistrationOfferExpiredV1,
  RegistrationWaitlistedV1,
} from '@respire/contracts';
import { clockTime, longDate } from '../../../messages/domain/french-time';
import { TemplateKey } from '../../../templates/domain/template-key';
import { RegistrationRepository } from '../../infrastructure/registration.repository';
import { ParticipantNotifier } from '../../participant-notifier';

/** The waitlist's messages: joined (with the position), a seat offered (links, expiry in local time), offer expired. */
@Injectable()
export class NotifyWaitlistUseCase {
  constructor(
    private readonly notifier: ParticipantNotifier,
    private readonly registrations: RegistrationRepository,
  ) {}

  async waitlisted(manager: EntityManager, event: EventEnvelope<RegistrationWaitlistedV1>): Promise<void> {
    const { data } = event;
    const links = { cancel: data.links.cancel };
    await this.notifier.apply(
      manager,
      event,
      (session) => ({ status: 'waitlisted', links, notifiedSequence: session.sequence, remindersFrom: null }),
      () => ({
        template: TemplateKey.RegistrationWaitlisted,
        variables: { waitlist: { position: data.position }, links },
      }),
    );
  }

  async offered(manager: EntityManager, event: EventEnvelope<RegistrationOfferedV1>): Promise<void> {
    const { data } = event;
    const links = { accept: data.links.accept, decline: data.links.decline };
    await this.notifier.apply(
      manager,
      event,
      (session) => ({ status: 'offered', links, notifiedSequence: session.sequence, remindersFrom: null }),
      (session) => ({
        template: TemplateKey.OfferMade,
        variables: { offer: expiry(data.offerExpiresAt, session.timezone), links },
      }),
    );
  }

  async offerExpired(
    manager: EntityManager,
    event: EventEnvelope<RegistrationOfferExpiredV1>,
  ): Promise<void> {
    const { data } = event;
    await this.notifier.apply(
      manager,
      event,
      () => ({ status: 'expired', links: {}, notifiedSequence: null, remindersFrom: null }),
      (session) => ({
        template: TemplateKey.OfferExpired,
        variables: { offer: expiry(data.offerExpiresAt, session.timezone) },
      }),
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
}

function expiry(offerExpiresAt: string, timezone: string) {
  return {
    expiresDate: longDate(offerExpiresAt, timezone),
    expiresTime: clockTime(offerExpiresAt, timezone),
  };
}
