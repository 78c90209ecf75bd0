import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { DEFAULT_SLOT_PATHS } from '../../domain/session-slot';
import { SessionRepository, SessionView } from '../../infrastructure/session.repository';
import { createSessions, NewSessionsSpec } from '../shared/new-sessions';

export interface CreateSessionCommand extends NewSessionsSpec {
  tenantId: string;
  date: string;
  registrationOpensAt?: Date | null;
  registrationClosesAt?: Date | null;
}

/** One session (draft, or published at once with `publish`). A past date is accepted: it records history. */
@Injectable()
export class CreateSessionUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly sessions: SessionRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CreateSessionCommand): Promise<SessionView> {
    const { tenantId, date, registrationOpensAt, registrationClosesAt, ...spec } = command;
    const [view] = await this.db.inTenant(tenantId, (manager) =>
      createSessions(
        { sessions: this.sessions, outbox: this.outbox },
        manager,
        tenantId,
        spec,
        [
          {
            slot: { date, startTime: spec.startTime, endTime: spec.endTime },
            paths: DEFAULT_SLOT_PATHS,
            window: () => ({ opensAt: registrationOpensAt ?? null, closesAt: registrationClosesAt ?? null }),
            windowPaths: { opensAt: ['registrationOpensAt'], closesAt: ['registrationClosesAt'] },
          },
        ],
        this.clock.now(),
      ),
    );
    return view;
  }
}
