import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '@respire/platform';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from '../../config/env.schema';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { ReminderScheduler } from '../reminder-scheduler';

/**
 * Worker side: at start and every NOTIFICATIONS_RECONCILE_INTERVAL_SECONDS, rebuilds the
 * scheduled jobs every tenant should have from the database. If Redis lost its data, no
 * reminder is lost: it is back by the next pass.
 */
@Injectable()
export class ReminderReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReminderReconciler');
  private readonly task = new PeriodicTask(() => this.pass(), {
    fallback: 0,
    onError: (error) => this.logger.warn(`reconciling failed, next pass will retry: ${error.message}`),
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsEnv,
    private readonly tenants: TenantDirectoryRepository,
    private readonly scheduler: ReminderScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.NOTIFICATIONS_RECONCILE_INTERVAL_SECONDS * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass over every tenant; returns how many jobs it asked for (existing ones are kept as they are). */
  reconcile(): Promise<number> {
    return this.task.runOnce();
  }

  private async pass(): Promise<number> {
    let total = 0;
    for (const tenantId of await this.tenants
      .allTenantIds(this.dataSource.manager)
      .catch(() => [] as string[])) {
      try {
        total += await this.scheduler.reconcileTenant(tenantId);
      } catch (error) {
        this.logger.warn(
          `reconciling tenant ${tenantId} failed, next pass will retry: ${(error as Error).message}`,
        );
      }
    }
    return total;
  }
}
