import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, RegistrationCancelledV1 } from '@respire/contracts';
import { afterCommit } from '@respire/tenancy';
import { DeliveryRepository } from '../../../deliveries/infrastructure/delivery.repository';
import { ReminderScheduler } from '../../../reminders/reminder-scheduler';
import { TemplateKey } from '../../../templates/domain/template-key';
import { RegistrationRepository } from '../../infrastructure/registration.repository';
import { ParticipantNotifier } from '../../participant-notifier';

/**
 * registration.cancelled: the participant is always told (by them: an acknowledgement; by a
 * coordinator or with the session: why). Whoever held an invitation gets its cancellation
 * (.ics METHOD:CANCEL, same UID, a higher SEQUENCE). Their reminders (jobs, and rows already
 * written but not sent) and feedback request go.
 */
@Injectable()
export class CancelRegistrationUseCase {
  constructor(
    private readonly notifier: ParticipantNotifier,
    private readonly registrations: RegistrationRepository,
    private readonly scheduler: ReminderScheduler,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async execute(manager: EntityManager, event: EventEnvelope<RegistrationCancelledV1>): Promise<void> {
    const { tenantId, data } = event;
    const before = await this.registrations.find(manager, tenantId, data.registrationId);
    const heldInvitation = data.previousStatus === 'confirmed';
    await this.notifier.apply(
      manager,
      event,
      () => ({ status: 'cancelled', links: {}, notifiedSequence: null, remindersFrom: null }),
      (session) => ({
        template:
          data.by === 'session-cancelled' ? TemplateKey.SessionCancelled : TemplateKey.RegistrationCancelled,
        variables: {
          cancellation: {
            reason: data.reason,
            byParticipant: data.by === 'participant',
            late: data.lateCancellation,
            wasConfirmed: heldInvitation,
          },
        },
        calendar: heldInvitation
          ? { method: 'CANCEL', sequence: Math.max(before?.notifiedSequence ?? 0, session.sequence) + 1 }
          : null,
      }),
    );
    // Reminders already written (their jobs run ahead of time) go with their jobs.
    await this.deliveries.cancelUnsent(manager, tenantId, data.registrationId, TemplateKey.Reminder);
    afterCommit(manager, () => this.scheduler.dropRegistration(tenantId, data.registrationId));
  }
}
