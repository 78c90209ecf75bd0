import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, SessionRescheduledV1 } from '@respire/contracts';
import { afterCommit } from '@respire/tenancy';
import { clockTime, longDate } from '../../../messages/domain/french-time';
import { addresseeOf } from '../../../messages/domain/participant-message';
import { RegistrationRepository } from '../../../registrations/infrastructure/registration.repository';
import { ParticipantNotifier } from '../../../registrations/participant-notifier';
import { ReminderScheduler } from '../../../reminders/reminder-scheduler';
import { TemplateKey } from '../../../templates/domain/template-key';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { SessionRepository } from '../../infrastructure/session.repository';

/**
 * catalog.session.rescheduled: everyone registered who was told an older time hears the new
 * one — confirmed participants with the updated invitation (same UID, the new SEQUENCE), people
 * on the waitlist or holding an offer without one — and the reminders follow the new time.
 * A reschedule older than what this service holds (a later sequence already applied) is
 * ignored; participants already told this sequence (from a registration event's snapshot) are
 * not told twice.
 */
@Injectable()
export class RescheduleSessionUseCase {
  constructor(
    private readonly tenants: TenantDirectoryRepository,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly notifier: ParticipantNotifier,
    private readonly scheduler: ReminderScheduler,
  ) {}

  async execute(manager: EntityManager, event: EventEnvelope<SessionRescheduledV1>): Promise<void> {
    const { tenantId, data } = event;
    const current = await this.sessions.findForUpdate(manager, tenantId, data.sessionId);
    if (!current) return; // unknown here (not published to us yet): nobody registered to tell
    if (current.sequence > data.sequence) return;
    const session = {
      ...current,
      startsAt: new Date(data.startsAt),
      endsAt: new Date(data.endsAt),
      timezone: data.timezone,
      venue: data.venue,
      sequence: data.sequence,
    };
    await this.sessions.save(manager, session);
    const tenant = await this.tenants.settings(manager, tenantId);
    const registered = await this.registrations.bySession(manager, tenantId, data.sessionId, [
      'confirmed',
      'offered',
      'waitlisted',
    ]);
    const toTell = registered.filter(
      (r) => r.email && r.firstName && (r.notifiedSequence ?? -1) < data.sequence,
    );
    const previous = {
      date: longDate(data.previous.startsAt, data.timezone),
      startTime: clockTime(data.previous.startsAt, data.timezone),
      endTime: clockTime(data.previous.endsAt, data.timezone),
      venueName: data.previous.venue.name,
    };
    for (const registration of toTell) {
      const confirmed = registration.status === 'confirmed';
      await this.notifier.notify(
        manager,
        {
          tenant,
          session,
          to: addresseeOf(registration)!,
          template: TemplateKey.SessionRescheduled,
          causeId: event.id,
          variables: {
            previous,
            registration: { confirmed },
            links: { cancel: registration.links.cancel ?? null },
          },
          calendar: confirmed ? { method: 'REQUEST', sequence: data.sequence } : null,
        },
        { correlationId: event.correlationId },
      );
    }
    await this.registrations.markNotified(
      manager,
      tenantId,
      toTell.map((r) => r.registrationId),
      data.sequence,
      new Date(event.occurredAt),
    );
    afterCommit(manager, () => this.scheduler.syncSession(tenantId, data.sessionId, current.startsAt));
  }
}
