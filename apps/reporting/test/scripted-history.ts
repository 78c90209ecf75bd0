import { v7 as uuidv7 } from 'uuid';
import {
  ACTIVITY_CREATED_V1,
  ACTIVITY_UPDATED_V1,
  createEvent,
  DELIVERY_FAILED_V1,
  DELIVERY_SENT_V1,
  EventData,
  EventDefinition,
  EventEnvelope,
  FEEDBACK_SUBMITTED_V1,
  PARTICIPANT_ERASED_V1,
  PracticeMode,
  Profession,
  PROGRAMME_CREATED_V1,
  REGISTRATION_ATTENDED_V1,
  REGISTRATION_CANCELLED_V1,
  REGISTRATION_CONFIRMED_V1,
  REGISTRATION_NO_SHOW_V1,
  REGISTRATION_OFFER_ACCEPTED_V1,
  REGISTRATION_OFFER_DECLINED_V1,
  REGISTRATION_OFFER_EXPIRED_V1,
  REGISTRATION_OFFERED_V1,
  REGISTRATION_WAITLISTED_V1,
  SESSION_CANCELLED_V1,
  SESSION_CAPACITY_CHANGED_V1,
  SESSION_COMPLETED_V1,
  SESSION_PUBLISHED_V1,
  SESSION_RESCHEDULED_V1,
  TENANT_CREATED_V1,
  Topic,
} from '@respire/contracts';
import { emptyPeople, PeopleFigures } from '../src/reports/domain/report-figures';

export interface ProducedEvent {
  topic: Topic;
  key: string;
  envelope: EventEnvelope;
}

interface Venue {
  id: string;
  name: string;
  address: string | null;
}

interface SessionDef {
  id: string;
  activityId: string;
  title: string;
  confidential: boolean;
  startsAt: string;
  endsAt: string;
  venue: Venue;
  sequence: number;
}

interface Person {
  id: string;
  profession: Profession;
  practiceMode: PracticeMode;
  department: string;
}

const PARIS = 'Europe/Paris';
const LINK = 'https://respire.example.org/p/r/x?t=eyJhbGciOi';

/**
 * Writes a tenant's history as the catalog, registration and notifications services would
 * publish it: envelopes from createEvent, keyed as each definition says.
 */
/** An activity as the catalog sends it (created or updated): no facilitator or venue, 60 minutes. */
export function activityData(activity: {
  activityId: string;
  title: string;
  category: string;
  capacity: number;
  confidential?: boolean;
  programmeId?: string | null;
}) {
  return {
    activityId: activity.activityId,
    programmeId: activity.programmeId ?? null,
    title: activity.title,
    category: activity.category,
    objective: null,
    confidential: activity.confidential ?? false,
    facilitatorId: null,
    venueId: null,
    defaultDurationMinutes: 60,
    defaultCapacity: activity.capacity,
  };
}

export class History {
  readonly events: ProducedEvent[] = [];
  private readonly registrations = new Map<string, string>();
  readonly people = new Map<string, Person>();
  readonly sessions = new Map<string, SessionDef>();

  constructor(readonly tenantId: string) {}

  emit<D extends EventDefinition>(definition: D, data: EventData<D>, at: string, subject?: string): void {
    const key = definition.partitionKey(data, this.tenantId);
    const envelope = createEvent(definition, data, {
      tenantId: this.tenantId,
      source: definition.topic.split('.')[0],
      subject: subject ?? key,
      occurredAt: new Date(at),
    });
    this.events.push({ topic: definition.topic, key, envelope });
  }

  person(name: string, profession: Profession, practiceMode: PracticeMode, department: string): void {
    this.people.set(name, { id: uuidv7(), profession, practiceMode, department });
  }

  publishSession(
    name: string,
    s: {
      activityId: string;
      title: string;
      category: string;
      confidential: boolean;
      programmeId: string | null;
      startsAt: string;
      endsAt: string;
      venue: Venue;
      capacity: number;
    },
    at: string,
  ): void {
    const id = uuidv7();
    this.sessions.set(name, {
      id,
      activityId: s.activityId,
      title: s.title,
      confidential: s.confidential,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      venue: s.venue,
      sequence: 0,
    });
    this.emit(
      SESSION_PUBLISHED_V1,
      {
        sessionId: id,
        activityId: s.activityId,
        title: s.title,
        category: s.category,
        confidential: s.confidential,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        timezone: PARIS,
        capacity: s.capacity,
        programmeId: s.programmeId,
        venue: s.venue,
        facilitatorId: null,
        registrationOpensAt: null,
        registrationClosesAt: null,
        eligibleProfessions: [],
        priceCents: 0,
        sequence: 0,
      },
      at,
    );
  }

  /**
   * A non-confidential activity outside programmes (created 1 Dec 2025, 60 minutes) with one
   * session `name`, published 2 Jan 2026, on 15 Jan 2026 17:30–18:30 UTC at `venue`: a CPTS's
   * history at its simplest.
   */
  singleSessionActivity(name: string, activity: { title: string; capacity: number; venue: string }): void {
    const activityId = uuidv7();
    const { title, capacity } = activity;
    const category = 'Énergie & Mouvement';
    this.emit(ACTIVITY_CREATED_V1, activityData({ activityId, title, category, capacity }), at('2025-12-01'));
    this.publishSession(
      name,
      {
        activityId,
        title,
        category,
        confidential: false,
        programmeId: null,
        startsAt: '2026-01-15T17:30:00.000Z',
        endsAt: '2026-01-15T18:30:00.000Z',
        venue: { id: uuidv7(), name: activity.venue, address: null },
        capacity,
      },
      at('2026-01-02'),
    );
  }

  reschedule(name: string, startsAt: string, endsAt: string, at: string): void {
    const s = this.sessions.get(name)!;
    const previous = { startsAt: s.startsAt, endsAt: s.endsAt, venue: s.venue };
    Object.assign(s, { startsAt, endsAt, sequence: s.sequence + 1 });
    this.emit(
      SESSION_RESCHEDULED_V1,
      { sessionId: s.id, startsAt, endsAt, timezone: PARIS, venue: s.venue, previous, sequence: s.sequence },
      at,
    );
  }

  sessionId(name: string): string {
    return this.sessions.get(name)!.id;
  }

  private snapshot(session: string) {
    const s = this.sessions.get(session)!;
    return {
      title: s.title,
      confidential: s.confidential,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      timezone: PARIS,
      venue: s.venue,
      sequence: s.sequence,
    };
  }

  private ids(session: string, person: string) {
    const key = `${session}/${person}`;
    if (!this.registrations.has(key)) this.registrations.set(key, uuidv7());
    return {
      registrationId: this.registrations.get(key)!,
      sessionId: this.sessionId(session),
      participantId: this.people.get(person)!.id,
    };
  }

  private recipient(person: string) {
    return { email: `${person}@example.org`, firstName: person.toUpperCase() };
  }

  confirm(
    session: string,
    person: string,
    at: string,
    via: 'direct' | 'offer' = 'direct',
    practiceMode?: PracticeMode,
  ): void {
    const p = this.people.get(person)!;
    this.emit(
      REGISTRATION_CONFIRMED_V1,
      {
        ...this.ids(session, person),
        ...this.recipient(person),
        profession: p.profession,
        practiceMode: practiceMode ?? p.practiceMode,
        department: p.department,
        via,
        session: this.snapshot(session),
        links: { cancel: LINK },
      },
      at,
    );
  }

  waitlist(session: string, person: string, position: number, at: string): void {
    this.emit(
      REGISTRATION_WAITLISTED_V1,
      {
        ...this.ids(session, person),
        ...this.recipient(person),
        position,
        session: this.snapshot(session),
        links: { cancel: LINK },
      },
      at,
    );
  }

  offer(session: string, person: string, at: string): void {
    const expires = new Date(new Date(at).getTime() + 3600_000).toISOString();
    this.emit(
      REGISTRATION_OFFERED_V1,
      {
        ...this.ids(session, person),
        ...this.recipient(person),
        offerExpiresAt: expires,
        session: this.snapshot(session),
        links: { accept: LINK, decline: LINK },
      },
      at,
    );
  }

  accept(session: string, person: string, at: string): void {
    this.emit(REGISTRATION_OFFER_ACCEPTED_V1, this.ids(session, person), at);
    this.confirm(session, person, at, 'offer');
  }

  expire(session: string, person: string, at: string): void {
    this.emit(
      REGISTRATION_OFFER_EXPIRED_V1,
      {
        ...this.ids(session, person),
        ...this.recipient(person),
        offerExpiresAt: at,
        session: this.snapshot(session),
      },
      at,
    );
  }

  decline(session: string, person: string, at: string): void {
    this.emit(REGISTRATION_OFFER_DECLINED_V1, this.ids(session, person), at);
  }

  cancel(
    session: string,
    person: string,
    at: string,
    by: 'participant' | 'coordinator' | 'session-cancelled',
    previousStatus: 'confirmed' | 'waitlisted' | 'offered' = 'confirmed',
  ): void {
    const minutesBeforeStart = Math.round(
      (new Date(this.sessions.get(session)!.startsAt).getTime() - new Date(at).getTime()) / 60_000,
    );
    this.emit(
      REGISTRATION_CANCELLED_V1,
      {
        ...this.ids(session, person),
        ...this.recipient(person),
        previousStatus,
        by,
        reason: null,
        lateCancellation: by !== 'session-cancelled' && minutesBeforeStart < 1440,
        minutesBeforeStart,
        session: this.snapshot(session),
      },
      at,
    );
  }

  attend(session: string, person: string, at: string): void {
    this.emit(
      REGISTRATION_ATTENDED_V1,
      {
        ...this.ids(session, person),
        ...this.recipient(person),
        session: this.snapshot(session),
        links: { feedback: LINK },
      },
      at,
    );
  }

  noShow(session: string, person: string, at: string): void {
    this.emit(REGISTRATION_NO_SHOW_V1, this.ids(session, person), at);
  }

  feedback(
    session: string,
    rating: number,
    at: string,
    comment: string | null = null,
    quoteConsent = false,
  ): void {
    const s = this.sessions.get(session)!;
    const feedbackId = uuidv7();
    this.emit(
      FEEDBACK_SUBMITTED_V1,
      { feedbackId, sessionId: s.id, activityId: s.activityId, rating, comment, quoteConsent },
      at,
      feedbackId,
    );
  }

  erase(person: string, at: string): void {
    this.emit(PARTICIPANT_ERASED_V1, { participantId: this.people.get(person)!.id }, at);
  }

  registrationId(session: string, person: string): string {
    return this.ids(session, person).registrationId;
  }
}

const at = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `p${String(from + i).padStart(2, '0')}`);

export interface ScriptedHistory {
  history: History;
  programmeP: string;
  programmeQ: string;
  activities: { pilates: string; parole: string; sophro: string };
  /** Raw figures of every session (before any protection), as worked out by hand below. */
  expected: Record<
    string,
    Partial<PeopleFigures> & { status: string; capacity: number; held: boolean; month: string }
  >;
}

/**
 * People figures of every session of the scripted quarter (zero where absent), counted by hand
 * from the script below; the unit spec of the report model protects the same quarter.
 */
export const QUARTER_PEOPLE = {
  S1: {
    registrations: 17,
    confirmed: 10,
    attended: 8,
    noShows: 2,
    cancellations: 3,
    cancelledByParticipant: 2,
    cancelledByCoordinator: 1,
    lateCancellations: 1,
    waitlisted: 7,
    stillWaiting: 2,
    unservedAtStart: 2,
    offersMade: 5,
    offersAccepted: 3,
    offersExpired: 1,
    offersDeclined: 1,
  },
  S2: {
    registrations: 16,
    confirmed: 10,
    attended: 9,
    noShows: 1,
    waitlisted: 6,
    stillWaiting: 6,
    unservedAtStart: 6,
  },
  S3: {
    registrations: 3,
    cancellations: 3,
    cancelledBySession: 3,
  },
  S4: {
    registrations: 6,
    confirmed: 6,
    attended: 5,
    noShows: 1,
  },
  S6: {
    registrations: 3,
    confirmed: 3,
    attended: 3,
  },
  S5: {
    registrations: 7,
    confirmed: 6,
    attended: 6,
    waitlisted: 1,
    stillWaiting: 1,
    unservedAtStart: 1,
  },
} satisfies Record<string, Partial<PeopleFigures>>;

/**
 * A CPTS's first quarter, with every path a registration can take. The figures in `expected`
 * are counted by hand from the script, not computed by the code under test.
 *
 * S1 Pilates, 22 Jan (capacity 8 raised to 10): p01–p10 confirmed, p11–p17 waitlisted.
 *    p02 cancels (participant, days ahead) → p11 offered, accepts; p03 cancelled by the
 *    coordinator → p12 offered, expires → p13 offered, declines → p14 offered, accepts;
 *    p01 cancels 60 min before (late) → p15 offered, accepts. p16, p17 still waiting at the start.
 *    p04 and p15 no-show, the 8 others attend.
 * S2 Pilates, published for 30 Jan, moved to 5 Feb: p05–p08, p18–p23 confirmed; p24–p29
 *    waitlisted and never served; p23 no-show.
 * S3 Pilates, 19 Feb, venue 2: p09, p10, p30 confirmed, then the session is cancelled.
 * S4 and S6 Groupe de parole (confidential): p31–p36 then p31–p33; p36 no-show.
 * S5 Sophrologie (other programme), 10 Mar: p05, p40–p44 confirmed (full), p45 waitlisted.
 * p07 is erased afterwards; p05 registered as a student for S1 and as liberal later.
 */
export function scriptedHistory(tenantId: string): ScriptedHistory {
  const h = new History(tenantId);
  const programmeP = uuidv7();
  const programmeQ = uuidv7();
  const pilates = uuidv7();
  const parole = uuidv7();
  const sophro = uuidv7();
  const souffle: Venue = {
    id: uuidv7(),
    name: 'Association Le Don du Souffle',
    address: '2 rue de l’Exemple, 25000 Besançon',
  };
  const msp: Venue = { id: uuidv7(), name: 'Maison de santé Planoise', address: null };

  h.emit(
    TENANT_CREATED_V1,
    { ...TENANT_CREATED_V1.example!, tenantId, slug: `cpts-${tenantId.slice(-6)}` },
    at('2025-12-01'),
  );
  h.emit(
    PROGRAMME_CREATED_V1,
    {
      programmeId: programmeP,
      title: "L'instant des soignants",
      description: null,
      startsOn: '2026-01-01',
      endsOn: '2026-06-30',
      funder: 'ARS Bourgogne-Franche-Comté',
      partners: ['Association Le Don du Souffle'],
    },
    at('2025-12-01'),
  );
  h.emit(
    PROGRAMME_CREATED_V1,
    {
      programmeId: programmeQ,
      title: 'Prenons soin de nos soignants',
      description: null,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      funder: null,
      partners: [],
    },
    at('2025-12-01'),
  );
  const activity = (
    activityId: string,
    title: string,
    category: string,
    confidential: boolean,
    programmeId: string,
  ) => activityData({ activityId, title, category, confidential, programmeId, capacity: 10 });
  h.emit(
    ACTIVITY_CREATED_V1,
    activity(pilates, 'Pilates', 'Énergie & Mouvement', false, programmeP),
    at('2025-12-02'),
  );
  // Renamed afterwards: reports show the activity's current title.
  h.emit(
    ACTIVITY_UPDATED_V1,
    activity(pilates, 'Pilates & respiration', 'Énergie & Mouvement', false, programmeP),
    at('2025-12-03'),
  );
  h.emit(
    ACTIVITY_CREATED_V1,
    activity(parole, 'Groupe de parole', 'Gestion des Émotions', true, programmeP),
    at('2025-12-02'),
  );
  h.emit(
    ACTIVITY_CREATED_V1,
    activity(sophro, 'Sophrologie', 'Gestion des Émotions', false, programmeQ),
    at('2025-12-02'),
  );

  // Participants of non-confidential sessions who attend: 10 nurses, 5 doctors, 3 physiotherapists.
  for (const p of ['p05', 'p06', 'p07', 'p08', 'p09', 'p10', 'p11', 'p14', 'p18', 'p19'])
    h.person(p, 'infirmier', 'liberal', '25');
  for (const p of ['p20', 'p21']) h.person(p, 'medecin', 'liberal', '25');
  for (const p of ['p22', 'p40', 'p41']) h.person(p, 'medecin', 'salarie', p === 'p22' ? '25' : '39');
  for (const p of ['p42', 'p43', 'p44']) h.person(p, 'kinesitherapeute', 'salarie', '39');
  // Everyone else: none attends a non-confidential session.
  for (const p of [...range(1, 4), ...range(12, 13), ...range(15, 17), ...range(23, 30), 'p45'])
    h.person(p, 'sage-femme', 'mixte', '70');
  for (const p of range(31, 36)) h.person(p, 'psychologue', 'liberal', '25');

  const pilatesSession = {
    activityId: pilates,
    title: 'Pilates',
    category: 'Énergie & Mouvement',
    confidential: false,
    programmeId: programmeP,
  };
  const paroleSession = {
    activityId: parole,
    title: 'Groupe de parole',
    category: 'Gestion des Émotions',
    confidential: true,
    programmeId: programmeP,
  };
  h.publishSession(
    'S1',
    {
      ...pilatesSession,
      startsAt: '2026-01-22T17:30:00.000Z',
      endsAt: '2026-01-22T18:30:00.000Z',
      venue: souffle,
      capacity: 8,
    },
    at('2026-01-02'),
  );
  h.emit(
    SESSION_CAPACITY_CHANGED_V1,
    { sessionId: h.sessionId('S1'), previousCapacity: 8, capacity: 10 },
    at('2026-01-03'),
  );
  h.publishSession(
    'S2',
    {
      ...pilatesSession,
      startsAt: '2026-01-30T17:30:00.000Z',
      endsAt: '2026-01-30T18:30:00.000Z',
      venue: souffle,
      capacity: 10,
    },
    at('2026-01-02'),
  );
  h.reschedule('S2', '2026-02-05T17:30:00.000Z', '2026-02-05T18:30:00.000Z', at('2026-01-15'));
  h.publishSession(
    'S3',
    {
      ...pilatesSession,
      startsAt: '2026-02-19T17:30:00.000Z',
      endsAt: '2026-02-19T18:30:00.000Z',
      venue: msp,
      capacity: 10,
    },
    at('2026-01-02'),
  );
  h.publishSession(
    'S4',
    {
      ...paroleSession,
      startsAt: '2026-01-29T17:00:00.000Z',
      endsAt: '2026-01-29T18:30:00.000Z',
      venue: msp,
      capacity: 8,
    },
    at('2026-01-02'),
  );
  h.publishSession(
    'S6',
    {
      ...paroleSession,
      startsAt: '2026-02-26T17:00:00.000Z',
      endsAt: '2026-02-26T18:30:00.000Z',
      venue: msp,
      capacity: 8,
    },
    at('2026-01-02'),
  );
  h.publishSession(
    'S5',
    {
      activityId: sophro,
      title: 'Sophrologie',
      category: 'Gestion des Émotions',
      confidential: false,
      programmeId: programmeQ,
      startsAt: '2026-03-10T17:30:00.000Z',
      endsAt: '2026-03-10T18:30:00.000Z',
      venue: souffle,
      capacity: 6,
    },
    at('2026-01-02'),
  );

  // S1
  for (const p of range(1, 10))
    h.confirm('S1', p, at('2026-01-05'), 'direct', p === 'p05' ? 'etudiant' : undefined);
  range(11, 17).forEach((p, i) => h.waitlist('S1', p, i + 1, at('2026-01-06')));
  h.cancel('S1', 'p02', at('2026-01-10', '08:00'), 'participant');
  h.offer('S1', 'p11', at('2026-01-10', '08:00'));
  h.accept('S1', 'p11', at('2026-01-10', '09:00'));
  h.cancel('S1', 'p03', at('2026-01-12', '08:00'), 'coordinator');
  h.offer('S1', 'p12', at('2026-01-12', '08:00'));
  h.expire('S1', 'p12', at('2026-01-13', '08:00'));
  h.offer('S1', 'p13', at('2026-01-13', '08:00'));
  h.decline('S1', 'p13', at('2026-01-13', '09:00'));
  h.offer('S1', 'p14', at('2026-01-13', '09:00'));
  h.accept('S1', 'p14', at('2026-01-14', '09:00'));
  h.cancel('S1', 'p01', at('2026-01-22', '16:30'), 'participant');
  h.offer('S1', 'p15', at('2026-01-22', '16:30'));
  h.accept('S1', 'p15', at('2026-01-22', '16:45'));
  for (const p of ['p05', 'p06', 'p07', 'p08', 'p09', 'p10', 'p11', 'p14'])
    h.attend('S1', p, at('2026-01-22', '17:40'));
  for (const p of ['p04', 'p15']) h.noShow('S1', p, at('2026-01-22', '19:00'));
  h.emit(SESSION_COMPLETED_V1, { sessionId: h.sessionId('S1') }, at('2026-01-22', '19:00'));

  // S2 (registrations after the reschedule carry the new times)
  for (const p of ['p05', 'p06', 'p07', 'p08', 'p18', 'p19', 'p20', 'p21', 'p22', 'p23'])
    h.confirm('S2', p, at('2026-01-20'));
  range(24, 29).forEach((p, i) => h.waitlist('S2', p, i + 1, at('2026-01-21')));
  for (const p of ['p05', 'p06', 'p07', 'p08', 'p18', 'p19', 'p20', 'p21', 'p22'])
    h.attend('S2', p, at('2026-02-05', '17:35'));
  h.noShow('S2', 'p23', at('2026-02-05', '19:00'));

  // S3, cancelled by the catalog
  for (const p of ['p09', 'p10', 'p30']) h.confirm('S3', p, at('2026-02-01'));
  h.emit(
    SESSION_CANCELLED_V1,
    { sessionId: h.sessionId('S3'), reason: "L'intervenante est malade." },
    at('2026-02-10'),
  );
  for (const p of ['p09', 'p10', 'p30']) h.cancel('S3', p, at('2026-02-10'), 'session-cancelled');

  // S4 and S6, confidential
  for (const p of range(31, 36)) h.confirm('S4', p, at('2026-01-10'));
  for (const p of range(31, 35)) h.attend('S4', p, at('2026-01-29', '17:05'));
  h.noShow('S4', 'p36', at('2026-01-29', '19:00'));
  for (const p of range(31, 33)) h.confirm('S6', p, at('2026-02-10'));
  for (const p of range(31, 33)) h.attend('S6', p, at('2026-02-26', '17:05'));

  // S5, other programme
  for (const p of ['p05', 'p40', 'p41', 'p42', 'p43', 'p44']) h.confirm('S5', p, at('2026-03-01'));
  h.waitlist('S5', 'p45', 1, at('2026-03-02'));
  for (const p of ['p05', 'p40', 'p41', 'p42', 'p43', 'p44']) h.attend('S5', p, at('2026-03-10', '17:35'));

  // Feedback: Pilates 6×5 and 5×4; Groupe de parole 5 and 4; Sophrologie 5×5.
  for (const rating of [5, 5, 5, 4, 4, 4]) h.feedback('S1', rating, at('2026-01-23'));
  h.feedback(
    'S1',
    5,
    at('2026-01-23', '10:00'),
    'On repart moins stressé en ayant découvert une nouvelle activité.',
    true,
  );
  for (const rating of [5, 5, 4]) h.feedback('S2', rating, at('2026-02-06'));
  h.feedback('S2', 4, at('2026-02-06', '10:00'), 'Un vrai moment pour soi.', false);
  h.feedback('S4', 5, at('2026-01-30'), 'Parler entre soignants fait du bien.', true);
  h.feedback('S4', 4, at('2026-01-30'));
  for (let i = 0; i < 5; i++) h.feedback('S5', 5, at('2026-03-11'));

  // Notifications: one confirmation sent, one retried then sent, one failed for good.
  const delivery = (registrationId: string, template: string) => ({
    deliveryId: uuidv7(),
    template,
    channel: 'email' as const,
    recipient: 'p***@e***.org',
    causationEventId: uuidv7(),
    registrationId,
  });
  const sent = delivery(h.registrationId('S1', 'p05'), 'registration-confirmed');
  h.emit(DELIVERY_SENT_V1, { ...sent, attempts: 1 }, at('2026-01-05', '09:01'));
  const retried = delivery(h.registrationId('S1', 'p06'), 'registration-confirmed');
  h.emit(
    DELIVERY_FAILED_V1,
    { ...retried, attempts: 1, permanent: false, error: '421 try later' },
    at('2026-01-05', '09:01'),
  );
  h.emit(DELIVERY_SENT_V1, { ...retried, attempts: 2 }, at('2026-01-05', '09:11'));
  const failed = delivery(h.registrationId('S1', 'p16'), 'registration-waitlisted');
  h.emit(
    DELIVERY_FAILED_V1,
    { ...failed, attempts: 5, permanent: true, error: '550 mailbox unavailable' },
    at('2026-01-06', '10:00'),
  );

  h.erase('p07', at('2026-04-01'));

  return {
    history: h,
    programmeP,
    programmeQ,
    activities: { pilates, parole, sophro },
    expected: {
      S1: {
        ...emptyPeople(),
        ...QUARTER_PEOPLE.S1,
        status: 'completed',
        capacity: 10,
        held: true,
        month: '2026-01',
      },
      S2: {
        ...emptyPeople(),
        ...QUARTER_PEOPLE.S2,
        status: 'published',
        capacity: 10,
        held: true,
        month: '2026-02',
      },
      S3: {
        ...emptyPeople(),
        ...QUARTER_PEOPLE.S3,
        status: 'cancelled',
        capacity: 10,
        held: false,
        month: '2026-02',
      },
      S4: {
        ...emptyPeople(),
        ...QUARTER_PEOPLE.S4,
        status: 'published',
        capacity: 8,
        held: true,
        month: '2026-01',
      },
      S6: {
        ...emptyPeople(),
        ...QUARTER_PEOPLE.S6,
        status: 'published',
        capacity: 8,
        held: true,
        month: '2026-02',
      },
      S5: {
        ...emptyPeople(),
        ...QUARTER_PEOPLE.S5,
        status: 'published',
        capacity: 6,
        held: true,
        month: '2026-03',
      },
    },
  };
}

/** Another CPTS on the same platform: nothing of it may show in the first one's reports. */
export function otherTenantHistory(tenantId: string): History {
  const h = new History(tenantId);
  h.singleSessionActivity('X1', { title: 'Cardio boxing', capacity: 20, venue: 'Gymnase' });
  for (let i = 0; i < 12; i++) {
    h.person(`x${i}`, 'pharmacien', 'liberal', '36');
    h.confirm('X1', `x${i}`, at('2026-01-05'));
    h.attend('X1', `x${i}`, at('2026-01-15', '17:40'));
  }
  // More quotes than a report shows: `Témoignage 1` (the oldest) to `Témoignage 25`, a minute apart.
  for (let i = 1; i <= 25; i++)
    h.feedback('X1', 5, at('2026-01-16', `10:${String(i).padStart(2, '0')}`), `Témoignage ${i}`, true);
  return h;
}
