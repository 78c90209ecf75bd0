import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, RegistrationCancelledV1 } from '@respire/contracts';
import { DeliveryLog } from '../../../deliveries/delivery-log';
import { afterCommit } from '../../../infrastructure/after-commit';
import { participantMessage } from '../../../messages/domain/participant-message';
import { ReminderScheduler } from '../../../reminders/reminder-scheduler';
import { TemplateKey } from '../../../templates/domain/template-key';
import { RegistrationRepository } from '../../infrastructure/registration.repository';
import { RegistrationContext } from '../../registration-context';

/**
 * registration.cancelled: the participant is always told (by them: an acknowledgement; by a
 * coordinator or with the session: why). Whoever held an invitation gets its cancellation
 * (.ics METHOD:CANCEL, same UID, a higher SEQUENCE). Their reminders and feedback request go.
 */
@Injectable()
export class CancelRegistrationUseCase {
  constructor(
    private readonly context: RegistrationContext,
    private readonly registrations: RegistrationRepository,
    private readonly deliveries: DeliveryLog,
    private readonly scheduler: ReminderScheduler,
  ) {}

  async execute(manager: EntityManager, event: EventEnvelope<RegistrationCancelledV1>): Promise<void> {
    const { tenantId, data } = event;
    const { tenant, session, over } = await this.context.load(
      manager,
      tenantId,
      data.sessionId,
      data.session,
    );
    const before = await this.registrations.find(manager, tenantId, data.registrationId);
    await this.registrations.save(manager, {
      tenantId,
      registrationId: data.registrationId,
      sessionId: data.sessionId,
      participantId: data.participantId,
      email: data.email,
      firstName: data.firstName,
      status: 'cancelled',
      links: {},
      notifiedSequence: null,
      remindersFrom: null,
    });
    const heldInvitation = data.previousStatus === 'confirmed';
    const invitationSequence = Math.max(before?.notifiedSequence ?? 0, session.sequence);
    const bySession = data.by === 'session-cancelled';
    if (!over)
      await this.deliveries.record(
        manager,
        participantMessage({
          tenant,
          session,
          to: { ...data },
          template: bySession ? TemplateKey.SessionCancelled : TemplateKey.RegistrationCancelled,
          causeId: event.id,
          variables: {
            cancellation: {
              reason: data.reason,
              byParticipant: data.by === 'participant',
              late: data.lateCancellation,
              wasConfirmed: heldInvitation,
            },
          },
          calendar: heldInvitation ? { method: 'CANCEL', sequence: invitationSequence + 1 } : null,
        }),
        { correlationId: event.correlationId },
      );
    afterCommit(manager, () => this.scheduler.dropRegistration(tenantId, data.registrationId));
  }
}
