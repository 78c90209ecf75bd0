import { Injectable } from '@nestjs/common';
import { FieldProblems } from '../../../common/invalid-fields.error';
import { liveReference } from '../../../common/references';
import { VenueRow } from '../../../venues/infrastructure/venue.repository';
import { localReading } from '../../domain/local-time';
import { checkRegistrationWindow, Session } from '../../domain/session';
import { resolveSlot } from '../../domain/session-slot';
import { SessionView } from '../../infrastructure/session.repository';
import { sessionCapacityChanged, sessionRescheduled } from '../shared/session-events';
import { SessionChanges } from '../shared/session-changes';
import { tenantZone } from '../shared/tenant-zone';
import { UpdateSessionCommand } from './update-session.command';

/**
 * Reschedules (date, times, venue) and/or resizes a session. On a published session a move
 * publishes catalog.session.rescheduled (sequence + 1) and a new capacity
 * catalog.session.capacity-changed — each once, in the same transaction as the change. A
 * published session cannot move into the past (400) nor shrink below its seats held (409).
 */
@Injectable()
export class UpdateSessionUseCase {
  constructor(private readonly changes: SessionChanges) {}

  execute(command: UpdateSessionCommand): Promise<SessionView> {
    const { tenantId, sessionId } = command;
    return this.changes.change(tenantId, sessionId, async ({ manager, state, now, view }) => {
      const session = new Session(state);
      const zone = await tenantZone(manager, tenantId);
      const problems = new FieldProblems();

      const current = localReading(state.startsAt, state.endsAt, zone);
      const timeGiven =
        command.date !== undefined || command.startTime !== undefined || command.endTime !== undefined;
      const instants = timeGiven
        ? resolveSlot(
            {
              date: command.date ?? current.localDate,
              startTime: command.startTime ?? current.localStartTime,
              endTime: command.endTime ?? current.localEndTime,
            },
            zone,
            problems,
          )
        : { startsAt: state.startsAt, endsAt: state.endsAt };
      if (command.venueId)
        await liveReference<VenueRow>(manager, 'venue', tenantId, command.venueId, problems, ['venueId']);
      if (command.facilitatorId) {
        await liveReference(manager, 'facilitator', tenantId, command.facilitatorId, problems, [
          'facilitatorId',
        ]);
      }
      problems.throwIfAny();

      const before = await view();
      const whenPaths = ['date', 'startTime', 'endTime'].filter(
        (key) => command[key as 'date'] !== undefined,
      );
      const moved = session.move(
        { startsAt: instants!.startsAt, endsAt: instants!.endsAt, venueId: command.venueId ?? state.venueId },
        now,
        problems,
        { when: whenPaths },
      );
      problems.throwIfAny();
      const previousCapacity = command.capacity === undefined ? null : session.resize(command.capacity);
      session.amendDraftDetails({
        facilitatorId: command.facilitatorId,
        registrationOpensAt: command.registrationOpensAt,
        registrationClosesAt: command.registrationClosesAt,
        eligibleProfessions: command.eligibleProfessions,
        eligiblePracticeModes: command.eligiblePracticeModes,
        priceCents: command.priceCents,
      });
      if (state.status === 'draft') {
        checkRegistrationWindow(
          { opensAt: state.registrationOpensAt, closesAt: state.registrationClosesAt },
          state.startsAt,
          problems,
          { opensAt: ['registrationOpensAt'], closesAt: ['registrationClosesAt'] },
        );
        problems.throwIfAny();
      }

      return {
        events: (after) => {
          if (state.status !== 'published') return [];
          const events = [];
          if (moved) {
            events.push(
              sessionRescheduled(after, zone, {
                startsAt: moved.startsAt,
                endsAt: moved.endsAt,
                venue: before.venue,
              }),
            );
          }
          if (previousCapacity !== null) events.push(sessionCapacityChanged(after, previousCapacity));
          return events;
        },
      };
    });
  }
}
