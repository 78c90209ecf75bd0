import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { departmentFromPostcode, EventEnvelope, PracticeMode, Profession } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { runInTenantTransaction } from '@respire/tenancy';
import { Clock, systemClock } from '@respire/platform';
import { LinkTokens, ParticipantLinks } from '../links/link-token';
import { minutesBeforeStart } from '../registrations/domain/seat-rules';
import { RegistrationEvents } from '../registrations/events/registration-events';
import { FeedbackRepository } from '../registrations/infrastructure/feedback.repository';
import { FeedbackVault } from '../registrations/infrastructure/feedback-vault';
import { ParticipantRepository } from '../registrations/infrastructure/participant.repository';
import { RegistrationRepository, RegistrationView } from '../registrations/infrastructure/registration.repository';
import { SessionCopy } from '../sessions/domain/session-copy';
import { LockedSession, SessionRepository } from '../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../tenants/infrastructure/tenant-directory.repository';

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

const FIRST_NAMES = ['Claire', 'Julien', 'Sophie', 'Karim', 'Émilie', 'Thomas', 'Nadia', 'Pierre', 'Léa', 'Mathieu', 'Camille', 'Hugo', 'Inès', 'Antoine', 'Manon', 'Yann', 'Chloé', 'Samuel', 'Aurélie', 'Benoît', 'Fatima', 'Lucas', 'Hélène', 'Romain'];
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'Roux', 'Fournier', 'Girard', 'Bonnet', 'Mercier', 'Faure', 'Benali', 'Perrin'];
/** Weighted like the audience of the seeds' programmes: many nurses, physios, doctors. */
const PROFESSIONS: Profession[] = ['infirmier', 'infirmier', 'infirmier', 'kinesitherapeute', 'kinesitherapeute', 'medecin', 'medecin', 'psychologue', 'sage-femme', 'pharmacien', 'orthophoniste', 'dieteticien', 'chirurgien-dentiste', 'autre'];
const PRACTICE_MODES: PracticeMode[] = ['liberal', 'liberal', 'liberal', 'salarie', 'salarie', 'mixte', 'etudiant'];
/** Grand Besançon and around. */
const POSTCODES = ['25000', '25000', '25000', '25000', '25000', '25000', '25220', '25480', '25660', '25770', '25870', '25410', '39100', '70000'];
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
  const slug = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '-');
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
 * this writes what happened, through the same repositories, seat counter and events (dated when
 * they happened, correlation id `seed-history`). Idempotent: a session that already has
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
  const events = new RegistrationEvents(new ParticipantLinks(new LinkTokens(options.linkSecret), options.publicBaseUrl));
  const emit = options.emitEvents ?? true;
  const cause = { correlationId: SEED_HISTORY_CORRELATION_ID };
  const report: SeedHistoryReport = { sessions: 0, registrations: 0, attended: 0, noShows: 0, cancelled: 0, waitlisted: 0, feedback: 0 };

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

    for (const sessionId of pastSessionIds) {
      await runInTenantTransaction(options.dataSource, tenantId, async (manager) => {
        const session = await sessions.lock(manager, tenantId, sessionId);
        if (!session) return;
        const already: unknown[] = await manager.query(`SELECT 1 FROM registration WHERE tenant_id = $1 AND session_id = $2 LIMIT 1`, [tenantId, sessionId]);
        if (already.length > 0) return; // imported concurrently
        const written = await seedSession(manager, session);
        if (emit) await outbox.addAll(manager, written);
        report.sessions += 1;
      });
    }
  }
  return report;

  async function seedSession(manager: EntityManager, session: LockedSession): Promise<EventEnvelope[]> {
    const rand = random(`${session.tenantId}:session:${session.id}`);
    const written: EventEnvelope[] = [];
    const fill = 0.55 + rand() * 0.55; // some sessions full, with people left waiting
    const wanted = Math.max(2, Math.round(session.capacity * fill));
    const seats = Math.min(wanted, session.capacity);
    const chosen = new Set<number>();
    while (chosen.size < wanted) chosen.add(Math.floor(rand() * POOL_SIZE));
    const registeredAt = (i: number) => new Date(session.startsAt.getTime() - (14 - (i / wanted) * 12) * 86_400_000);

    let i = 0;
    for (const n of chosen) {
      const details = person(session.tenantId, n);
      if (session.eligibleProfessions.length > 0 && !session.eligibleProfessions.includes(details.profession)) {
        details.profession = session.eligibleProfessions[0];
      }
      const at = registeredAt(i);
      const { id: participantId } = await participants.ensure(manager, session.tenantId, details, at);
      const id = uuidv7({ msecs: at.getTime() });
      const holdsSeat = i < seats;
      await registrations.insert(manager, session, {
        id,
        sessionId: session.id,
        participantId,
        status: holdsSeat ? 'confirmed' : 'waitlisted',
        origin: 'import',
        confirmedVia: holdsSeat ? 'direct' : null,
        now: at,
      });
      const view = viewOf(session, id, participantId, details, holdsSeat ? 'confirmed' : 'waitlisted', at);
      report.registrations += 1;
      i += 1;
      if (!holdsSeat) {
        report.waitlisted += 1;
        written.push(events.waitlisted(view, session, i - seats, at, cause));
        continue;
      }
      written.push(events.confirmed(view, session, 'direct', at, cause));

      const outcome = rand();
      if (outcome < 0.08) {
        const cancelledAt = new Date(session.startsAt.getTime() - Math.round(1 + rand() * 72) * 3_600_000);
        await registrations.changeStatus(manager, session, view, { status: 'cancelled', at: cancelledAt, cancelledBy: 'participant', lateCancellation: false });
        written.push(
          events.cancelled(view, session, { by: 'participant', reason: null, lateCancellation: false, minutesBeforeStart: minutesBeforeStart(session, cancelledAt) }, cancelledAt, cause),
        );
        report.cancelled += 1;
      } else if (outcome < 0.2) {
        await registrations.changeStatus(manager, session, view, { status: 'no_show', at: session.endsAt });
        written.push(events.noShow(view, session.endsAt, cause));
        report.noShows += 1;
      } else {
        await registrations.changeStatus(manager, session, view, { status: 'attended', at: session.startsAt });
        written.push(events.attended(view, session, session.startsAt, cause));
        report.attended += 1;
        if (rand() < 0.55) {
          const rating = rand() < 0.7 ? 5 : rand() < 0.8 ? 4 : 3;
          const comment = rand() < 0.6 ? pick(rand, COMMENTS) : null;
          const quoteConsent = comment !== null && rand() < 0.6;
          await feedbackRepository.markGiven(manager, session.tenantId, vault.givenMark(session.tenantId, id));
          await feedbackRepository.addPending(manager, session.tenantId, {
            id: uuidv4(),
            sessionId: session.id,
            sealed: vault.seal({ rating, comment, quoteConsent }),
          });
          report.feedback += 1;
        }
      }
    }
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
