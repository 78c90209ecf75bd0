import { Principal, Role } from '@respire/tenancy';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { RegistrationView } from '../domain/registration-view';

/** A registration as coordinators and facilitators see it. */
export function toRegistrationItem(r: RegistrationView) {
  return {
    id: r.id,
    sessionId: r.sessionId,
    participantId: r.participantId,
    email: r.email,
    firstName: r.firstName,
    lastName: r.lastName,
    profession: r.profession,
    practiceMode: r.practiceMode,
    postcode: r.postcode,
    status: r.status,
    ...(r.waitlistPosition !== null ? { waitlistPosition: r.waitlistPosition } : {}),
    ...(r.offerExpiresAt && r.status === 'offered' ? { offerExpiresAt: r.offerExpiresAt.toISOString() } : {}),
    origin: r.origin,
    confirmedVia: r.confirmedVia,
    createdAt: r.createdAt.toISOString(),
    statusChangedAt: r.statusChangedAt.toISOString(),
    cancelledBy: r.cancelledBy,
    cancellationReason: r.cancellationReason,
    lateCancellation: r.lateCancellation,
    movedFrom: r.movedFrom,
  };
}

/**
 * What a facilitator reads of their attendees: who they are and their status, nothing to reach
 * or locate them with (a confidential group's list on a phone should say no more than it must).
 */
export function toFacilitatorItem(r: RegistrationView) {
  return {
    id: r.id,
    sessionId: r.sessionId,
    participantId: r.participantId,
    firstName: r.firstName,
    lastName: r.lastName,
    profession: r.profession,
    status: r.status,
    ...(r.waitlistPosition !== null ? { waitlistPosition: r.waitlistPosition } : {}),
    createdAt: r.createdAt.toISOString(),
    statusChangedAt: r.statusChangedAt.toISOString(),
  };
}

/** The list a caller may read: the full item for coordinators, the short one for facilitators. */
export function itemFor(principal: Principal) {
  return principal.roles.includes(Role.Coordinator) ? toRegistrationItem : toFacilitatorItem;
}

export function toSessionSummary(session: SessionCopy, registrations: RegistrationView[]) {
  const count = (status: string) => registrations.filter((r) => r.status === status).length;
  return {
    id: session.id,
    title: session.title,
    status: session.status,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    capacity: session.capacity,
    seatsHeld: session.seatsHeld,
    placesLeft: Math.max(0, session.capacity - session.seatsHeld),
    confirmed: count('confirmed') + count('attended') + count('no_show'),
    offered: count('offered'),
    waitlisted: count('waitlisted'),
    attended: count('attended'),
    noShow: count('no_show'),
  };
}

/** A session as a participant's pages show it (their registrations, a link's page). */
export function toParticipantSession<Status extends string>(
  session: Pick<
    SessionCopy,
    'id' | 'title' | 'confidential' | 'startsAt' | 'endsAt' | 'timezone' | 'venue'
  > & {
    status: Status;
  },
) {
  return {
    id: session.id,
    title: session.title,
    confidential: session.confidential,
    status: session.status,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    timezone: session.timezone,
    venue: { name: session.venue.name, address: session.venue.address },
  };
}
