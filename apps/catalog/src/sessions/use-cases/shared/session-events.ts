import {
  SESSION_CANCELLED_V1,
  SESSION_CAPACITY_CHANGED_V1,
  SESSION_COMPLETED_V1,
  SESSION_PUBLISHED_V1,
  SESSION_RESCHEDULED_V1,
} from '@respire/contracts';
import { catalogEvent } from '../../../common/catalog-event';
import { SessionView } from '../../infrastructure/session.repository';

const venueOf = (view: SessionView) => ({
  id: view.venue.id,
  name: view.venue.name,
  address: view.venue.address,
});

export function sessionPublished(view: SessionView, timezone: string) {
  return catalogEvent(
    SESSION_PUBLISHED_V1,
    {
      sessionId: view.id,
      activityId: view.activityId,
      title: view.activity.title,
      category: view.activity.category,
      confidential: view.activity.confidential,
      startsAt: view.startsAt.toISOString(),
      endsAt: view.endsAt.toISOString(),
      timezone,
      capacity: view.capacity,
      programmeId: view.programmeId,
      venue: venueOf(view),
      facilitatorId: view.facilitatorId,
      registrationOpensAt: view.registrationOpensAt?.toISOString() ?? null,
      registrationClosesAt: view.registrationClosesAt?.toISOString() ?? null,
      eligibleProfessions: view.eligibleProfessions,
      eligiblePracticeModes: view.eligiblePracticeModes,
      priceCents: view.priceCents,
      sequence: view.sequence,
      facilitatorName: view.facilitator?.name || null,
      programmeTitle: view.programme?.title || null,
      funder: view.programme?.funder ?? null,
    },
    { tenantId: view.tenantId, subject: view.id },
  );
}

export function sessionRescheduled(
  view: SessionView,
  timezone: string,
  previous: { startsAt: Date; endsAt: Date; venue: { id: string; name: string; address: string | null } },
) {
  return catalogEvent(
    SESSION_RESCHEDULED_V1,
    {
      sessionId: view.id,
      startsAt: view.startsAt.toISOString(),
      endsAt: view.endsAt.toISOString(),
      timezone,
      venue: venueOf(view),
      previous: {
        startsAt: previous.startsAt.toISOString(),
        endsAt: previous.endsAt.toISOString(),
        venue: previous.venue,
      },
      sequence: view.sequence,
    },
    { tenantId: view.tenantId, subject: view.id },
  );
}

export function sessionCapacityChanged(view: SessionView, previousCapacity: number) {
  return catalogEvent(
    SESSION_CAPACITY_CHANGED_V1,
    { sessionId: view.id, previousCapacity, capacity: view.capacity },
    { tenantId: view.tenantId, subject: view.id },
  );
}

export function sessionCancelled(tenantId: string, sessionId: string, reason: string | null) {
  return catalogEvent(SESSION_CANCELLED_V1, { sessionId, reason }, { tenantId, subject: sessionId });
}

export function sessionCompleted(tenantId: string, sessionId: string, at: Date) {
  return catalogEvent(SESSION_COMPLETED_V1, { sessionId }, { tenantId, subject: sessionId, occurredAt: at });
}
