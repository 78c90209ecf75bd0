import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { departmentFromPostcode, EventEnvelope, PracticeMode, Profession } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { runInTenantTransaction } from '@respire/tenancy';
import { Clock, systemClock } from '@respire/platform';
import { LinkTokens, ParticipantLinks } from '../apps/registration/src/links/link-token';
import { SeatDecision, SessionSeats } from '../apps/registration/src/registrations/domain/session-seats';
import { RegistrationEvents } from '../apps/registration/src/registrations/events/registration-events';
import { FeedbackRepository } from '../apps/registration/src/registrations/infrastructure/feedback.repository';
import { FeedbackVault } from '../apps/registration/src/registrations/infrastructure/feedback-vault';
import { ParticipantRepository } from '../apps/registration/src/registrations/infrastructure/participant.repository';
import { RegistrationRepository } from '../apps/registration/src/registrations/infrastructure/registration.repository';
import { RegistrationView } from '../apps/registration/src/registrations/domain/registration-view';
import { seatEventEnvelope } from '../apps/registration/src/registrations/infrastructure/seat-decisions';
import { SessionCopy } from '../apps/registration/src/sessions/domain/session-copy';
import { TenantPolicy } from '../apps/registration/src/tenants/domain/tenant-policy';
import {
  LockedSession,
  SessionRepository,
} from '../apps/registration/src/sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../apps/registration/src/tenants/infrastructure/tenant-directory.repository';

export interface SeedHistoryOptions {
  /** The registration service's database (the app role is enough: every write sets the tenant). */
  dataSource: DataSource;
  clock?: Clock;
  /** Signs the links carried by the events (REGISTRATION_LINK_SECRET, or JWT_SECRET in dev). */
  linkSecret: string;
  publicBaseUrl: string;
  /** Only these tenants (default: every tenant the service knows). */
  tenantIds?: string[];
  /** Publish the history as events (default true) so that reporting counts it. */
  emitEvents?: boolean;
}

export interface SeedHistoryReport {
  sessions: number;
  registrations: number;
  attended: number;
  noShows: number;
  cancelled: number;
  waitlisted: number;
  feedback: number;
}

/** Correlation id of every event the history import writes: consumers can tell it from live traffic. */
export const SEED_HISTORY_CORRELATION_ID = 'seed-history';

const FIRST_NAMES = [
  'Claire',
  'Julien',
  'Sophie',
  'Karim',
  'Émilie',
  'Thomas',
  'Nadia',
  'Pierre',
  'Léa',
  'Mathieu',
  'Camille',
  'Hugo',
  'Inès',
  'Antoine',
  'Manon',
  'Yann',
  'Chloé',
  'Samuel',
  'Aurélie',
  'Benoît',
  'Fatima',
  'Lucas',
  'Hélène',
  'Romain',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'Roux',
  'Fournier',
  'Girard',
  'Bonnet',
  'Mercier',
  'Faure',
  'Benali',
  'Perrin',
];
/** Weighted like the audience of the seeds' programmes: many nurses, physios, doctors. */
const PROFESSIONS: Profession[] = [
  'infirmier',
  'infirmier',
  'infirmier',
  'kinesitherapeute',
  'kinesitherapeute',
  'medecin',
  'medecin',
  'psychologue',
  'sage-femme',
  'pharmacien',
  'orthophoniste',
  'dieteticien',
  'chirurgien-dentiste',
  'autre',
];
const PRACTICE_MODES: PracticeMode[] = [
  'liberal',
  'liberal',
  'liberal',
  'salarie',
  'salarie',
  'mixte',
  'etudiant',
];
/** Grand Besançon and around. */
const POSTCODES = [
  '25000',
  '25000',
  '25000',
  '25000',
  '25000',
  '25000',
  '25220',
  '25480',
  '25660',
  '25770',
  '25870',
  '25410',
  '39100',
  '70000',
];
/** The testimonials of the seeds (shared/seeds). */
const COMMENTS = [
  'Un temps de déconnexion qui permet de se défouler, de faire le vide et de se faire du bien.',
  'On repart moins stressé en ayant découvert une nouvelle activité.',
  'Les exercices proposés sont accessibles et ludiques.',
  'Je suis repartie avec plus de clarté et des réponses à mes questionnements professionnels.',
  "Cet atelier m'a apporté des connaissances utiles personnellement ET au niveau professionnel.",
  'Atelier très agréable, bonne ambiance, cela permet de se vider la tête.',
];
const POOL_SIZE = 48;

/** A deterministic generator per session: re-running the import on a fresh database gives the same history. */
function random(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function person(tenantId: string, n: number) {
  const rand = random(`${tenantId}:participant:${n}`);
  const firstName = pick(rand, FIRST_NAMES);
  const lastName = pick(rand, LAST_NAMES);
  const postcode = pick(rand, POSTCODES);
  const slug = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '-');
  return {
    email: `${slug(firstName)}.${slug(lastName)}.${n}@example.org`,
    firstName,
    lastName,
    profession: pick(rand, PROFESSIONS),
    practiceMode: pick(rand, PRACTICE_MODES),
    postcode,
    department: departmentFromPostcode(postcode)!,
    rpps: null,
    consents: { dataProcessing: true, importedHistory: true },
  };
}

/**
 * Plausible history for the sessions that are already over: registrations (some cancelled, a
 * waitlist left unserved when full), attendance (attended or no-show) and anonymous feedback —
 * given as participants give it (sealed, waiting for the worker to release it in batches: see
 * SubmitFeedbackUseCase), never written next to the registration it came from.
 *
 * It is the domain's import path, not the public one: the public route refuses past sessions,
 * this writes what happened. Every seat step is the seat rules' own decision (SessionSeats) at
 * the moment it happened — placement, cancellation (late or not by the tenant's notice), the
 * freed seat offered to the waitlist and accepted, attendance closing into no-shows — applied
 * through the same repositories, seat counter and events (dated when they happened,
 * correlation id `seed-history`), so the history cannot break a rule. Idempotent: a session that already has
 * registrations is left alone, and participants are upserted by email. For the demo seed
 * (scripts/seed-demo.ts), after the catalog's past sessions reached the registration service.
 */
export async function seedRegistrationHistory(options: SeedHistoryOptions): Promise<SeedHistoryReport> {
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const tenants = new TenantDirectoryRepository();
  const sessions = new SessionRepository();
  const participants = new ParticipantRepository();
  const registrations = new RegistrationRepository();
  const feedbackRepository = new FeedbackRepository();
  const vault = new FeedbackVault(options.linkSecret);
  const outbox = new Outbox();
  const events = new RegistrationEvents(
    new ParticipantLinks(new LinkTokens(options.linkSecret), options.publicBaseUrl),
  );
  const emit = options.emitEvents ?? true;
  const cause = { correlationId: SEED_HISTORY_CORRELATION_ID };
  const report: SeedHistoryReport = {
    sessions: 0,
    registrations: 0,
    attended: 0,
    noShows: 0,
    cancelled: 0,
    waitlisted: 0,
    feedback: 0,
  };

  const tenantIds = options.tenantIds ?? (await tenants.allTenantIds(options.dataSource.manager));
  for (const tenantId of tenantIds) {
    const pastSessionIds = await runInTenantTransaction(options.dataSource, tenantId, async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `SELECT s.id FROM session s
          WHERE s.tenant_id = $1 AND s.status <> 'cancelled' AND s.ends_at < $2
            AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.tenant_id = s.tenant_id AND r.session_id = s.id)
          ORDER BY s.starts_at`,
        [tenantId, now],
      );
      return rows.map((row) => row.id);
    });

    const policy = await runInTenantTransaction(options.dataSource, tenantId, (manager) =>
      tenants.policy(manager, tenantId),
    );
    for (const sessionId of pastSessionIds) {
      await runInTenantTransaction(options.dataSource, tenantId, async (manager) => {
        const session = await sessions.lock(manager, tenantId, sessionId);
        if (!session) return;
        const already: unknown[] = await manager.query(
          `SELECT 1 FROM registration WHERE tenant_id = $1 AND session_id = $2 LIMIT 1`,
          [tenantId, sessionId],
        );
        if (already.length > 0) return; // imported concurrently
        const written = await seedSession(manager, session, policy);
        if (emit) await outbox.addAll(manager, written);
        report.sessions += 1;
      });
    }
  }
  return report;

  async function seedSession(
    manager: EntityManager,
    locked: LockedSession,
    policy: TenantPolicy,
  ): Promise<EventEnvelope[]> {
    const rand = random(`${locked.tenantId}:session:${locked.id}`);
    const written: EventEnvelope[] = [];
    let session = locked;
    // Every step is the seat rules' decision at the moment it happened, on the session as it was then.
    const seatsAt = (at: Date) => new SessionSeats({ ...session, status: 'published' }, policy, at);
    const apply = async (decision: SeatDecision<RegistrationView>, at: Date) => {
      for (const { registration, change } of decision.changes)
        await registrations.changeStatus(manager, session, registration, change);
      written.push(...decision.events.map((event) => seatEventEnvelope(events, event, session, at, cause)));
      session = await sessions.refresh(manager, session);
    };
    const fill = 0.55 + rand() * 0.55; // some sessions full, with people left waiting
    const wanted = Math.max(2, Math.round(session.capacity * fill));
    const chosen = new Set<number>();
    while (chosen.size < wanted) chosen.add(Math.floor(rand() * POOL_SIZE));
    const registeredAt = (i: number) =>
      new Date(session.startsAt.getTime() - (14 - (i / wanted) * 12) * 86_400_000);

    const confirmed: RegistrationView[] = [];
    let i = 0;
    for (const n of chosen) {
      const details = person(session.tenantId, n);
      if (
        session.eligibleProfessions.length > 0 &&
        !session.eligibleProfessions.includes(details.profession)
      ) {
        details.profession = session.eligibleProfessions[0];
      }
      const at = registeredAt(i++);
      const { id: participantId } = await participants.ensure(manager, session.tenantId, details, at);
      const id = uuidv7({ msecs: at.getTime() });
      const placement = seatsAt(at).register(
        { origin: 'import' },
        await registrations.countWaitlisted(manager, session),
      );
      await registrations.insert(manager, session, {
        id,
        sessionId: session.id,
        participantId,
        status: placement.status,
        origin: 'import',
        confirmedVia: placement.status === 'confirmed' ? 'direct' : null,
        now: at,
      });
      session = await sessions.refresh(manager, session);
      const view = viewOf(session, id, participantId, details, placement.status, at);
      report.registrations += 1;
      if (placement.status === 'waitlisted') {
        written.push(events.waitlisted(view, session, placement.position, at, cause));
      } else {
        written.push(events.confirmed(view, session, 'direct', at, cause));
        confirmed.push(view);
      }
    }

    // Some cancel, between three days and an hour before; their seat is offered to the first
    // person waiting (while offers are still made), who accepts an hour later.
    const cancellations = confirmed
      .map((registration) => ({
        registration,
        cancels: rand() < 0.08,
        at: new Date(session.startsAt.getTime() - Math.round(1 + rand() * 72) * 3_600_000),
      }))
      .filter((c) => c.cancels)
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const stillConfirmed = new Map(confirmed.map((registration) => [registration.id, registration]));
    for (const { registration, at } of cancellations) {
      await apply(seatsAt(at).cancel(registration, 'participant', null), at);
      stillConfirmed.delete(registration.id);
      report.cancelled += 1;
      const seats = seatsAt(at);
      const next = (await registrations.nextWaitlisted(manager, session, seats.promotable())).map((r) => ({
        ...r,
        waitlistPosition: null,
      }));
      const promotion = seats.promote(next);
      await apply(promotion, at);
      const acceptedAt = new Date(at.getTime() + 3_600_000);
      for (const { registration: promoted, change } of promotion.changes) {
        const held = { ...promoted, status: change.status, offerExpiresAt: change.offerExpiresAt ?? null };
        if (held.status === 'offered') {
          if (held.offerExpiresAt!.getTime() <= acceptedAt.getTime()) continue;
          await apply(seatsAt(acceptedAt).respondToOffer(held, 'accept'), acceptedAt);
        }
        stillConfirmed.set(held.id, { ...held, status: 'confirmed' });
      }
    }

    // Attendance: most come and are checked in; attendance then closes and the others are no-shows.
    for (const registration of stillConfirmed.values()) {
      if (rand() < 0.13) continue;
      await registrations.changeStatus(manager, session, registration, {
        status: 'attended',
        at: session.startsAt,
      });
      written.push(events.attended(registration, session, session.startsAt, cause));
      stillConfirmed.delete(registration.id);
      report.attended += 1;
      if (rand() < 0.55) {
        const rating = rand() < 0.7 ? 5 : rand() < 0.8 ? 4 : 3;
        const comment = rand() < 0.6 ? pick(rand, COMMENTS) : null;
        const quoteConsent = comment !== null && rand() < 0.6;
        await feedbackRepository.markGiven(
          manager,
          session.tenantId,
          vault.givenMark(session.tenantId, registration.id),
        );
        await feedbackRepository.addPending(manager, session.tenantId, {
          id: uuidv4(),
          sessionId: session.id,
          sealed: vault.seal({ rating, comment, quoteConsent }),
        });
        report.feedback += 1;
      }
    }
    const closing = new SessionSeats(session, policy, session.endsAt).closeAttendance(
      [...stillConfirmed.values()],
      0,
    );
    if (closing.outcome === 'closed') {
      await apply(closing.decision, session.endsAt);
      report.noShows += closing.decision.changes.length;
    }
    report.waitlisted += await registrations.countWaitlisted(manager, session);
    return written;
  }
}

function viewOf(
  session: SessionCopy,
  id: string,
  participantId: string,
  details: ReturnType<typeof person>,
  status: 'confirmed' | 'waitlisted',
  at: Date,
): RegistrationView {
  return {
    tenantId: session.tenantId,
    id,
    seq: '0',
    sessionId: session.id,
    participantId,
    status,
    origin: 'import',
    confirmedVia: status === 'confirmed' ? 'direct' : null,
    createdAt: at,
    statusChangedAt: at,
    offeredAt: null,
    offerExpiresAt: null,
    cancelledBy: null,
    cancellationReason: null,
    lateCancellation: null,
    movedFrom: null,
    feedbackGiven: false,
    email: details.email,
    firstName: details.firstName,
    lastName: details.lastName,
    profession: details.profession,
    practiceMode: details.practiceMode,
    postcode: details.postcode,
    department: details.department,
    waitlistPosition: null,
  };
}
