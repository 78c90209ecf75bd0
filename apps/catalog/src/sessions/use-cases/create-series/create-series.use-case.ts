import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { FieldProblems } from '../../../common/invalid-fields.error';
import { SessionRepository, SessionView } from '../../infrastructure/session.repository';
import { createSessions, NewSessionsSpec } from '../shared/new-sessions';

export interface CreateSeriesCommand extends NewSessionsSpec {
  tenantId: string;
  dates: string[];
  registrationOpensDaysBefore?: number | null;
  registrationClosesMinutesBefore?: number | null;
}

const MINUTE = 60_000;

/**
 * A series, as programmes are written ("Cardio boxing : 22/01, 19/02, … 18h30 – 19h30"): one
 * activity, one time and venue, a list of local dates. All sessions are created, or none.
 */
@Injectable()
export class CreateSeriesUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly sessions: SessionRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CreateSeriesCommand): Promise<SessionView[]> {
    const { tenantId, dates, registrationOpensDaysBefore, registrationClosesMinutesBefore, ...spec } =
      command;
    const problems = new FieldProblems();
    const seen = new Map<string, number>();
    dates.forEach((date, i) => {
      if (seen.has(date))
        problems.add(
          ['dates', i],
          `${date} figure deux fois dans la série (déjà en position ${seen.get(date)! + 1})`,
        );
      else seen.set(date, i);
    });
    if (spec.endTime <= spec.startTime) {
      problems.add(
        ['endTime'],
        `L'heure de fin (${spec.endTime}) doit être après l'heure de début (${spec.startTime})`,
      );
      problems.throwIfAny();
    }
    const ordered = [...seen.entries()].sort(([a], [b]) => a.localeCompare(b));
    return this.db.inTenant(tenantId, (manager) =>
      createSessions(
        { sessions: this.sessions, outbox: this.outbox },
        manager,
        tenantId,
        spec,
        ordered.map(([date, i]) => ({
          slot: { date, startTime: spec.startTime, endTime: spec.endTime },
          paths: { date: ['dates', i], startTime: ['dates', i], endTime: ['dates', i] },
          window: ({ startsAt }) => ({
            opensAt:
              registrationOpensDaysBefore == null
                ? null
                : new Date(startsAt.getTime() - registrationOpensDaysBefore * 24 * 60 * MINUTE),
            closesAt:
              registrationClosesMinutesBefore == null
                ? null
                : new Date(startsAt.getTime() - registrationClosesMinutesBefore * MINUTE),
          }),
          windowPaths: {
            opensAt: ['registrationOpensDaysBefore'],
            closesAt: ['registrationClosesMinutesBefore'],
          },
        })),
        this.clock.now(),
        problems,
      ),
    );
  }
}
