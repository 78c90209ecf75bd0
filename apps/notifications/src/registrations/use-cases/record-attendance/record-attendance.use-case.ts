import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, RegistrationAttendedV1, RegistrationNoShowV1 } from '@respire/contracts';
import { afterCommit } from '@respire/tenancy';
import { ReminderScheduler } from '../../../reminders/reminder-scheduler';
import { RegistrationRepository } from '../../infrastructure/registration.repository';
import { ParticipantNotifier } from '../../participant-notifier';

/** Attendance: whoever came is asked for feedback after the session; a no-show is not. */
@Injectable()
export class RecordAttendanceUseCase {
  constructor(
    private readonly notifier: ParticipantNotifier,
    private readonly registrations: RegistrationRepository,
    private readonly scheduler: ReminderScheduler,
  ) {}

  async attended(manager: EntityManager, event: EventEnvelope<RegistrationAttendedV1>): Promise<void> {
    const { tenantId, data } = event;
    const links = { feedback: data.links.feedback };
    const session = await this.notifier.apply(
      manager,
      event,
      () => ({ status: 'attended', links, notifiedSequence: null, remindersFrom: null }),
      () => null, // the feedback request follows the session, from the scheduler
    );
    afterCommit(manager, () =>
      this.scheduler.scheduleFeedback(tenantId, data.registrationId, session.endsAt),
    );
  }

  async noShow(manager: EntityManager, event: EventEnvelope<RegistrationNoShowV1>): Promise<void> {
    const { tenantId, data } = event;
    const existing = await this.registrations.find(manager, tenantId, data.registrationId);
    if (!existing) return;
    await this.registrations.setStatus(manager, tenantId, data.registrationId, 'no_show');
    afterCommit(manager, () => this.scheduler.dropFeedback(tenantId, data.registrationId));
  }
}
