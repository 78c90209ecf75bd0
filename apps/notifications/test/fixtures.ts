import { v7 as uuidv7 } from 'uuid';
import {
  createEvent,
  EventDefinition,
  EventEnvelope,
  eventRegistry,
  REGISTRATION_ATTENDED_V1,
  REGISTRATION_CANCELLED_V1,
  REGISTRATION_CONFIRMED_V1,
  REGISTRATION_OFFERED_V1,
  SESSION_PUBLISHED_V1,
  SESSION_RESCHEDULED_V1,
  TENANT_CREATED_V1,
} from '@respire/contracts';
import { TENANT_SETTINGS_EXAMPLE } from '@respire/contracts/events/catalog/tenant-settings';
import { MessageProducer } from '@respire/messaging';

/** Publishes envelopes as the producing services' relays do: on the (prefixed) topic, with the contract's key. */
export function publisher(producer: MessageProducer, prefix: string) {
  return async (...events: EventEnvelope[]) => {
    for (const event of events) {
      const definition = eventRegistry.find(event.type, event.version) as EventDefinition;
      await producer.send([
        {
          topic: `${prefix}${definition.topic}`,
          key: definition.partitionKey(event.data, event.tenantId),
          value: JSON.stringify(event),
        },
      ]);
    }
  };
}

export interface SessionFacts {
  tenantId: string;
  sessionId: string;
  activityId: string;
  title: string;
  confidential: boolean;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  facilitatorId?: string | null;
  priceCents?: number;
}

export const VENUE = {
  id: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c04',
  name: 'Association Le Don du Souffle',
  address: '2 rue de l’Exemple, 25000 Besançon',
};

export function newSession(
  tenantId: string,
  startsAt: Date,
  overrides: Partial<SessionFacts> = {},
): SessionFacts {
  return {
    tenantId,
    sessionId: uuidv7(),
    activityId: uuidv7(),
    title: 'Pilates & respiration',
    confidential: false,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 60 * 60_000),
    sequence: 0,
    ...overrides,
  };
}

export function tenantCreated(tenantId: string, overrides: Partial<typeof TENANT_SETTINGS_EXAMPLE> = {}) {
  return createEvent(
    TENANT_CREATED_V1,
    { tenantId, slug: `cpts-${tenantId.slice(-8)}`, ...TENANT_SETTINGS_EXAMPLE, ...overrides },
    { tenantId, source: 'catalog', subject: tenantId },
  );
}

export function sessionPublished(session: SessionFacts) {
  return createEvent(
    SESSION_PUBLISHED_V1,
    {
      sessionId: session.sessionId,
      activityId: session.activityId,
      title: session.title,
      category: 'Énergie & Mouvement',
      confidential: session.confidential,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      timezone: 'Europe/Paris',
      capacity: 12,
      programmeId: null,
      venue: VENUE,
      facilitatorId: session.facilitatorId ?? null,
      registrationOpensAt: null,
      registrationClosesAt: null,
      eligibleProfessions: [],
      priceCents: session.priceCents ?? 0,
      sequence: session.sequence,
    },
    { tenantId: session.tenantId, source: 'catalog', subject: session.sessionId },
  );
}

function snapshot(session: SessionFacts) {
  return {
    title: session.title,
    confidential: session.confidential,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    timezone: 'Europe/Paris',
    venue: VENUE,
    sequence: session.sequence,
  };
}

export interface Person {
  registrationId: string;
  participantId: string;
  email: string;
  firstName: string;
}

export function person(firstName: string): Person {
  const id = uuidv7();
  const local =
    firstName
      .normalize('NFD')
      .replace(/[^A-Za-z0-9]/g, '')
      .toLowerCase() || 'x';
  return {
    registrationId: uuidv7(),
    participantId: uuidv7(),
    email: `${local}.${id.slice(-12)}@example.org`,
    firstName,
  };
}

const LINK_BASE = 'https://respire.example.org/p/r';

export function registrationConfirmed(
  session: SessionFacts,
  who: Person,
  via: 'direct' | 'offer' = 'direct',
) {
  return createEvent(
    REGISTRATION_CONFIRMED_V1,
    {
      ...who,
      sessionId: session.sessionId,
      profession: 'infirmier',
      practiceMode: 'liberal',
      department: '25',
      via,
      session: snapshot(session),
      links: { cancel: `${LINK_BASE}/${who.registrationId}/cancel?t=secret-token` },
    },
    { tenantId: session.tenantId, source: 'registration', subject: who.registrationId },
  );
}

export function registrationCancelled(
  session: SessionFacts,
  who: Person,
  by: 'participant' | 'coordinator' | 'session-cancelled' = 'participant',
) {
  return createEvent(
    REGISTRATION_CANCELLED_V1,
    {
      ...who,
      sessionId: session.sessionId,
      previousStatus: 'confirmed',
      by,
      reason: by === 'participant' ? null : 'Intervenante malade',
      lateCancellation: false,
      minutesBeforeStart: Math.round((session.startsAt.getTime() - Date.now()) / 60_000),
      session: snapshot(session),
    },
    { tenantId: session.tenantId, source: 'registration', subject: who.registrationId },
  );
}

export function registrationAttended(session: SessionFacts, who: Person) {
  return createEvent(
    REGISTRATION_ATTENDED_V1,
    {
      ...who,
      sessionId: session.sessionId,
      session: snapshot(session),
      links: { feedback: `${LINK_BASE}/${who.registrationId}/feedback?t=f` },
    },
    { tenantId: session.tenantId, source: 'registration', subject: who.registrationId },
  );
}

export function registrationOffered(session: SessionFacts, who: Person, offerExpiresAt: Date) {
  return createEvent(
    REGISTRATION_OFFERED_V1,
    {
      ...who,
      sessionId: session.sessionId,
      offerExpiresAt: offerExpiresAt.toISOString(),
      session: snapshot(session),
      links: {
        accept: `${LINK_BASE}/${who.registrationId}/accept?t=a`,
        decline: `${LINK_BASE}/${who.registrationId}/decline?t=d`,
      },
    },
    { tenantId: session.tenantId, source: 'registration', subject: who.registrationId },
  );
}

export function sessionRescheduled(
  session: SessionFacts,
  to: { startsAt: Date; endsAt: Date },
  sequence: number,
) {
  return createEvent(
    SESSION_RESCHEDULED_V1,
    {
      sessionId: session.sessionId,
      startsAt: to.startsAt.toISOString(),
      endsAt: to.endsAt.toISOString(),
      timezone: 'Europe/Paris',
      venue: VENUE,
      previous: {
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
        venue: VENUE,
      },
      sequence,
    },
    { tenantId: session.tenantId, source: 'catalog', subject: session.sessionId },
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Paris wall-clock time on a date, as an instant (for readable test data). */
export function parisTime(date: string, time: string): Date {
  const probe = new Date(`${date}T${time}:00Z`);
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' })
    .formatToParts(probe)
    .find((p) => p.type === 'timeZoneName')!.value; // e.g. GMT+1
  const hours = Number(offset.replace('GMT', '') || 0);
  return new Date(probe.getTime() - hours * 3_600_000);
}
