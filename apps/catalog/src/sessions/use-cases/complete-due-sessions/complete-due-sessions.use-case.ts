import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@respire/messaging';
import { runTransaction } from '@respire/tenancy';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { TenantRepository } from '../../../tenants/infrastructure/tenant.repository';
import { Session } from '../../domain/session';
import { SessionRepository } from '../../infrastructure/session.repository';
import { sessionCompleted } from '../shared/session-events';

const BATCH = 200;

/**
 * Every published session whose end has passed becomes completed, with catalog.session.completed
 * — once: rows are locked (SKIP LOCKED) and the state machine refuses to complete twice, so two
 * completers running together, or a rerun after a crash, publish nothing twice. Visits the
 * tenants one by one, each in its own row-level-security scope.
 */
@Injectable()
export class CompleteDueSessionsUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly tenants: TenantRepository,
    private readonly sessions: SessionRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(): Promise<number> {
    const directory = await runTransaction(this.db.dataSource, (manager) => this.tenants.directory(manager));
    let completed = 0;
    for (const tenant of directory) {
      for (;;) {
        const done = await this.db.inTenant(tenant.id, async (manager) => {
          const now = this.clock.now();
          const due = await this.sessions.dueForCompletion(manager, tenant.id, now, BATCH);
          for (const state of due) {
            if (new Session(state).complete(now) !== 'completed') continue;
            await this.sessions.save(manager, state, now);
            await this.outbox.add(manager, sessionCompleted(tenant.id, state.id, now));
          }
          return due.length;
        });
        completed += done;
        if (done < BATCH) break;
      }
    }
    return completed;
  }
}
