import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { PracticeMode, Profession } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { FieldProblems } from '../../../common/invalid-fields.error';
import { liveReference } from '../../../common/references';
import { ActivityRow } from '../../../activities/infrastructure/activity.repository';
import { checkRegistrationWindow, NEW_SESSION_LIFECYCLE, Session, SessionState } from '../../domain/session';
import { Instants, LocalSlot, resolveSlot, SlotPaths } from '../../domain/session-slot';
import { SessionRepository, SessionView } from '../../infrastructure/session.repository';
import { sessionPublished } from './session-events';
import { tenantZone } from './tenant-zone';

/** What one or more new sessions share (a single session, a series, or a line of an import). */
export interface NewSessionsSpec {
  activityId: string;
  venueId?: string;
  facilitatorId?: string | null;
  startTime: string;
  endTime: string;
  capacity?: number;
  eligibleProfessions?: Profession[];
  eligiblePracticeModes?: PracticeMode[];
  priceCents?: number;
  publish?: boolean;
}

export interface PlannedSession {
  slot: LocalSlot;
  paths: SlotPaths;
  /** The registration window of this session, from its instants. */
  window: (instants: Instants) => { opensAt: Date | null; closesAt: Date | null };
  windowPaths: { opensAt: (string | number)[]; closesAt: (string | number)[] };
}

/**
 * Validates and writes new sessions in the caller's transaction: the activity, venue and
 * facilitator must be live rows of the tenant; venue, facilitator and capacity default to the
 * activity's; local times are read in the tenant's zone. Every problem is reported at its
 * field before anything is written (400); a session that already exists is a 409.
 */
export async function createSessions(
  deps: { sessions: SessionRepository; outbox: Outbox },
  manager: EntityManager,
  tenantId: string,
  spec: NewSessionsSpec,
  planned: PlannedSession[],
  now: Date,
  problems = new FieldProblems(),
): Promise<SessionView[]> {
  const zone = await tenantZone(manager, tenantId);
  const activity = await liveReference<ActivityRow>(
    manager,
    'activity',
    tenantId,
    spec.activityId,
    problems,
    ['activityId'],
  );
  const venueId = spec.venueId ?? activity?.venue_id ?? null;
  if (spec.venueId) await liveReference(manager, 'venue', tenantId, spec.venueId, problems, ['venueId']);
  else if (activity && !venueId)
    problems.add(['venueId'], "Indiquez un lieu : l'activité n'a pas de lieu par défaut");
  else if (venueId) await liveReference(manager, 'venue', tenantId, venueId, problems, ['venueId']);
  const facilitatorId =
    spec.facilitatorId === undefined ? (activity?.facilitator_id ?? null) : spec.facilitatorId;
  if (spec.facilitatorId)
    await liveReference(manager, 'facilitator', tenantId, spec.facilitatorId, problems, ['facilitatorId']);
  const capacity = spec.capacity ?? activity?.default_capacity ?? null;
  if (activity && capacity === null)
    problems.add(['capacity'], "Indiquez une capacité : l'activité n'en a pas par défaut");

  const states: SessionState[] = [];
  for (const plan of planned) {
    const instants = resolveSlot(plan.slot, zone, problems, plan.paths);
    if (!instants) continue;
    const window = plan.window(instants);
    checkRegistrationWindow(window, instants.startsAt, problems, plan.windowPaths);
    states.push({
      id: uuidv7(),
      tenantId,
      activityId: spec.activityId,
      programmeId: activity?.programme_id ?? null,
      venueId: venueId ?? '',
      facilitatorId,
      startsAt: instants.startsAt,
      endsAt: instants.endsAt,
      capacity: capacity ?? 1,
      registrationOpensAt: window.opensAt,
      registrationClosesAt: window.closesAt,
      eligibleProfessions: spec.eligibleProfessions ?? [],
      eligiblePracticeModes: spec.eligiblePracticeModes ?? [],
      priceCents: spec.priceCents ?? 0,
      ...NEW_SESSION_LIFECYCLE,
    });
  }
  problems.throwIfAny();

  for (const state of states) {
    if (spec.publish) new Session(state).publish(now);
    await deps.sessions.insert(manager, state, now);
  }
  const views = await deps.sessions.views(
    manager,
    tenantId,
    states.map((s) => s.id),
  );
  if (spec.publish)
    await deps.outbox.addAll(
      manager,
      views.map((view) => sessionPublished(view, zone)),
    );
  return views;
}
