import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { sql } from 'kysely';
import { PLATFORM_CONFIG, PlatformLogger } from '@respire/platform';
import { CatalogEnv } from '../../config/env.schema';
import { CatalogDatabase } from '../../common/catalog-database';
import { db } from '../../infrastructure/db';
import { CompleteDueSessionsUseCase } from '../use-cases/complete-due-sessions/complete-due-sessions.use-case';

/** Names the advisory lock: one catalog process completes sessions at a time. */
const LOCK_KEY = sql`hashtext('respire-catalog'), hashtext('session-completion')`;

/**
 * In processes with the `worker` role, completes past sessions every
 * CATALOG_COMPLETION_INTERVAL_MS (and once at boot). The catalog has no BullMQ: a timer and a
 * PostgreSQL advisory lock are enough for one periodic sweep, and the sweep itself is safe to run
 * twice (see CompleteDueSessionsUseCase).
 */
@Injectable()
export class SessionCompletionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: CatalogDatabase,
    private readonly completeDue: CompleteDueSessionsUseCase,
    private readonly logger: PlatformLogger,
    @Inject(PLATFORM_CONFIG) private readonly config: CatalogEnv,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.CATALOG_COMPLETION_INTERVAL_MS;
    if (!this.config.ROLE.includes('worker') || interval === 0) return;
    const tick = () => {
      this.running ??= this.runOnce()
        .catch((error: Error) =>
          this.logger.warn(`session completion failed: ${error.message}`, 'SessionCompletion'),
        )
        .finally(() => (this.running = null));
    };
    this.timer = setInterval(tick, interval);
    this.timer.unref();
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One sweep, if no other process is sweeping. Returns how many sessions it completed (null: another holds the lock). */
  async runOnce(): Promise<number | null> {
    const runner = this.db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // The lock belongs to this connection: the runner's manager runs the queries on it.
      const { rows } = await sql<{
        locked: boolean;
      }>`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS locked`.execute(db(runner.manager));
      if (!rows[0].locked) return null;
      try {
        const completed = await this.completeDue.execute();
        if (completed > 0) this.logger.log(`completed ${completed} past session(s)`, 'SessionCompletion');
        return completed;
      } finally {
        await sql`SELECT pg_advisory_unlock(${LOCK_KEY})`.execute(db(runner.manager));
      }
    } finally {
      await runner.release();
    }
  }
}
