import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { afterCommit } from '@respire/tenancy';
import { RegistrationMetrics } from '../../infrastructure/registration.metrics';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { LockedSession } from '../../sessions/infrastructure/session.repository';
import { SeatJobs } from '../../waitlist/jobs/seat-jobs';
import { SeatDecision, SeatEvent } from '../domain/session-seats';
import { EventCause, RegistrationEvents } from '../events/registration-events';
import { RegistrationRepository } from './registration.repository';
import { RegistrationView } from '../domain/registration-view';

/** The waitlist outcome each event counts as (respire_waitlist_offers_total). */
function offerOutcome(event: SeatEvent<RegistrationView>): string | null {
  switch (event.type) {
    case 'offered':
      return 'offered';
    case 'offer-accepted':
      return 'accepted';
    case 'offer-declined':
      return 'declined';
    case 'offer-expired':
      return 'expired';
    case 'confirmed':
      return event.via === 'auto-promotion' ? 'auto-confirmed' : null;
    default:
      return null;
  }
}

/**
 * Applies a SessionSeats decision in the caller's transaction, which holds the session's lock:
 * the status changes in order, the events in the outbox, the timers once it commits.
 */
@Injectable()
export class SeatDecisions {
  constructor(
    private readonly registrations: RegistrationRepository,
    private readonly outbox: Outbox,
    private readonly events: RegistrationEvents,
    private readonly jobs: SeatJobs,
    private readonly metrics: RegistrationMetrics,
  ) {}

  async apply(
    manager: EntityManager,
    session: LockedSession,
    decision: SeatDecision<RegistrationView>,
    at: Date,
    cause: EventCause,
    alsoWrite: EventEnvelope[] = [],
  ): Promise<void> {
    for (const { registration, change } of decision.changes) {
      await this.registrations.changeStatus(manager, session, registration, change);
    }
    await this.outbox.addAll(manager, [
      ...decision.events.map((event) => seatEventEnvelope(this.events, event, session, at, cause)),
      ...alsoWrite,
    ]);
    const later = this.jobs.later(manager);
    for (const timer of decision.timers) {
      if (timer.type === 'promote-waitlist')
        later.promoteWaitlist(session.tenantId, timer.sessionId, timer.cause, cause.correlationId);
      else later.expireOffer(session.tenantId, timer.registrationId, timer.at, cause.correlationId);
    }
    const outcomes = decision.events
      .map(offerOutcome)
      .filter((outcome): outcome is string => outcome !== null);
    if (outcomes.length > 0)
      afterCommit(manager, () => outcomes.forEach((outcome) => this.metrics.offers.inc({ outcome })));
  }
}

/** The envelope of a seat event, as libs/contracts defines it. */
export function seatEventEnvelope(
  events: RegistrationEvents,
  event: SeatEvent<RegistrationView>,
  session: SessionCopy,
  at: Date,
  cause: EventCause,
): EventEnvelope {
  const r = event.registration;
  switch (event.type) {
    case 'confirmed':
      return events.confirmed(r, session, event.via, at, cause);
    case 'waitlisted':
      return events.waitlisted(r, session, event.position, at, cause);
    case 'offered':
      return events.offered(r, session, event.expiresAt, at, cause);
    case 'offer-accepted':
      return events.offerAccepted(r, at, cause);
    case 'offer-declined':
      return events.offerDeclined(r, at, cause);
    case 'offer-expired':
      return events.offerExpired(r, session, at, cause);
    case 'cancelled':
      return events.cancelled(r, session, event.details, at, cause);
    case 'no-show':
      return events.noShow(r, at, cause);
  }
}
