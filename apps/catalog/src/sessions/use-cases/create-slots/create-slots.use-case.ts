import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@respire/platform';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import { FieldProblems } from '../../../common/invalid-fields.error';
import { ActivityRepository } from '../../../activities/infrastructure/activity.repository';
import { planSlots, SlotPlanRequest } from '../../domain/slot-plan';
import { SessionRepository, SessionView } from '../../infrastructure/session.repository';
import { createSessions } from '../shared/new-sessions';

export interface CreateSlotsCommand extends SlotPlanRequest {
  tenantId: string;
  activityId: string;
  venueId?: string;
  facilitatorId?: string | null;
  /** Seats per slot: 1 unless said otherwise (a couple, a small group). */
  capacity?: number;
  publish?: boolean;
}

export class NotIndividualActivityError extends DomainError {
  constructor() {
    super(
      'activity_not_individual',
      "Cette activité n'est pas un accompagnement individuel : cochez « Accompagnement individuel » sur l'activité avant de créer des créneaux.",
      409,
    );
  }
}

/**
 * Individual support: the slots of a schedule (every Tuesday 14:00–17:00 in 45-minute slots for
 * six weeks) created in one transaction, each a session of capacity 1 by default, published
 * together when asked (their events go through the outbox with them). All or none.
 */
@Injectable()
export class CreateSlotsUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly sessions: SessionRepository,
    private readonly activities: ActivityRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CreateSlotsCommand): Promise<SessionView[]> {
    const problems = new FieldProblems();
    const slots = planSlots(command, problems);
    problems.throwIfAny();
    return this.db.inTenant(command.tenantId, async (manager) => {
      const activity = await this.activities.find(manager, command.tenantId, command.activityId);
      // The activity is the route's resource: unknown (or another tenant's) is a 404, as everywhere.
      if (!activity) throw new ResourceNotFoundError('activity');
      if (!activity.individual) throw new NotIndividualActivityError();
      return createSessions(
        { sessions: this.sessions, outbox: this.outbox },
        manager,
        command.tenantId,
        {
          activityId: command.activityId,
          venueId: command.venueId,
          facilitatorId: command.facilitatorId,
          startTime: command.startTime,
          endTime: command.endTime,
          capacity: command.capacity ?? 1,
          publish: command.publish,
        },
        slots.map((slot, i) => ({
          slot,
          paths: { date: ['firstDate'], startTime: ['slots', i], endTime: ['slots', i] },
          window: () => ({ opensAt: null, closesAt: null }),
          windowPaths: { opensAt: [], closesAt: [] },
        })),
        this.clock.now(),
        problems,
      );
    });
  }
}
