import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, RegistrationConfirmedV1 } from '@respire/contracts';
import { DeliveryLog } from '../../../deliveries/delivery-log';
import { afterCommit } from '../../../infrastructure/after-commit';
import { participantMessage } from '../../../messages/domain/participant-message';
import { ReminderScheduler } from '../../../reminders/reminder-scheduler';
import { TemplateKey } from '../../../templates/domain/template-key';
import { RegistrationRepository } from '../../infrastructure/registration.repository';
import { RegistrationContext } from '../../registration-context';

/**
 * registration.confirmed: the participant gets a confirmation with a calendar invitation (or,
 * after accepting an offer, the "your seat is confirmed" message), and their reminders are
 * planned from the confirmation time on.
 */
@Injectable()
export class ConfirmRegistrationUseCase {
  constructor(
    private readonly context: RegistrationContext,
    private readonly registrations: RegistrationRepository,
    private readonly deliveries: DeliveryLog,
    private readonly scheduler: ReminderScheduler,
  ) {}

  async execute(manager: EntityManager, event: EventEnvelope<RegistrationConfirmedV1>): Promise<void> {
    const { tenantId, data } = event;
    const { tenant, session, over } = await this.context.load(
      manager,
      tenantId,
      data.sessionId,
      data.session,
    );
    await this.registrations.save(manager, {
      tenantId,
      registrationId: data.registrationId,
      sessionId: data.sessionId,
      participantId: data.participantId,
      email: data.email,
      firstName: data.firstName,
      status: 'confirmed',
      links: { cancel: data.links.cancel },
      notifiedSequence: session.sequence,
      remindersFrom: new Date(event.occurredAt),
    });
    if (!over)
      await this.deliveries.record(
        manager,
        participantMessage({
          tenant,
          session,
          to: { ...data },
          template: data.via === 'offer' ? TemplateKey.OfferAccepted : TemplateKey.RegistrationConfirmed,
          causeId: event.id,
          variables: { links: { cancel: data.links.cancel } },
          calendar: { method: 'REQUEST', sequence: session.sequence },
        }),
        { correlationId: event.correlationId },
      );
    afterCommit(manager, () => this.scheduler.syncRegistration(tenantId, data.registrationId));
  }
}
