import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, RegistrationConfirmedV1 } from '@respire/contracts';
import { afterCommit } from '@respire/tenancy';
import { ReminderScheduler } from '../../../reminders/reminder-scheduler';
import { TemplateKey } from '../../../templates/domain/template-key';
import { ParticipantNotifier } from '../../participant-notifier';

/**
 * registration.confirmed: the participant gets a confirmation with a calendar invitation (or,
 * after accepting an offer, the "your seat is confirmed" message), and their reminders are
 * planned from the confirmation time on.
 */
@Injectable()
export class ConfirmRegistrationUseCase {
  constructor(
    private readonly notifier: ParticipantNotifier,
    private readonly scheduler: ReminderScheduler,
  ) {}

  async execute(manager: EntityManager, event: EventEnvelope<RegistrationConfirmedV1>): Promise<void> {
    const { tenantId, data } = event;
    const links = { cancel: data.links.cancel };
    await this.notifier.apply(
      manager,
      event,
      (session) => ({
        status: 'confirmed',
        links,
        notifiedSequence: session.sequence,
        remindersFrom: new Date(event.occurredAt),
      }),
      (session) => ({
        template: data.via === 'offer' ? TemplateKey.OfferAccepted : TemplateKey.RegistrationConfirmed,
        variables: { links },
        calendar: { method: 'REQUEST', sequence: session.sequence },
      }),
    );
    afterCommit(manager, () => this.scheduler.syncRegistration(tenantId, data.registrationId));
  }
}
