import { iso } from '../../common/sql';
import { localReading } from '../domain/local-time';
import { placesLeft } from '../domain/seat-holds';
import { SessionView } from '../infrastructure/session.repository';

export function sessionResponse(s: SessionView) {
  const timezone = s.timezone;
  return {
    id: s.id,
    status: s.status,
    activityId: s.activityId,
    programmeId: s.programmeId,
    venueId: s.venueId,
    facilitatorId: s.facilitatorId,
    activity: s.activity,
    venue: s.venue,
    facilitator: s.facilitator,
    programme: s.programme,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    timezone,
    ...localReading(s.startsAt, s.endsAt, timezone),
    capacity: s.capacity,
    seatsTaken: s.seatsTaken,
    placesLeft: placesLeft(s.capacity, s.seatsTaken),
    ...registrationTerms(s),
    cancellationReason: s.cancellationReason,
    publishedAt: iso(s.publishedAt),
    cancelledAt: iso(s.cancelledAt),
    completedAt: iso(s.completedAt),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/**
 * What anyone may read of a session in a CPTS's public programme. A confidential activity's
 * sessions give no count (capacity, places left: null), only whether they are full: counts that
 * move with each registration would tell an observer whether a given person just registered.
 */
export function publicSessionResponse(s: SessionView, now: Date) {
  const timezone = s.timezone;
  const closesAt =
    s.registrationClosesAt && s.registrationClosesAt < s.startsAt ? s.registrationClosesAt : s.startsAt;
  const registrationOpen =
    s.status === 'published' && (!s.registrationOpensAt || s.registrationOpensAt <= now) && now < closesAt;
  const left = s.status === 'published' ? placesLeft(s.capacity, s.seatsTaken) : 0;
  return {
    id: s.id,
    status: s.status,
    activity: {
      id: s.activity.id,
      title: s.activity.title,
      category: s.activity.category,
      objective: s.activity.objective,
      confidential: s.activity.confidential,
      individual: s.activity.individual,
    },
    venue: { name: s.venue.name, address: s.venue.address },
    programme: s.programme ? { title: s.programme.title } : null,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    timezone,
    ...localReading(s.startsAt, s.endsAt, timezone),
    capacity: s.activity.confidential ? null : s.capacity,
    placesLeft: s.activity.confidential ? null : left,
    full: left === 0,
    registrationOpen,
    ...registrationTerms(s),
  };
}

/** Who may register, when, at what price; and the session's sequence. */
function registrationTerms(s: SessionView) {
  return {
    registrationOpensAt: iso(s.registrationOpensAt),
    registrationClosesAt: iso(s.registrationClosesAt),
    eligibleProfessions: s.eligibleProfessions,
    eligiblePracticeModes: s.eligiblePracticeModes,
    priceCents: s.priceCents,
    // Bumped each time the session moves: a calendar feed's SEQUENCE.
    sequence: s.sequence,
  };
}
