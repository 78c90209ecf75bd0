import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock, PeriodicTask } from '@respire/platform';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from '../../config/env.schema';
import { AlertScheduler } from '../../alerts/alert-scheduler';
import { AlertRepository } from '../../alerts/infrastructure/alert.repository';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { DeliveryRepository } from '../infrastructure/delivery.repository';
import { SendQueue } from '../infrastructure/send-queue';

/** Rows younger than this (plus the reminder lead) are left to the after-commit enqueue that is surely on its way. */
const SETTLE_MS = 2_000;
const BATCH = 500;

/**
 * Worker side: at start and every NOTIFICATIONS_SWEEP_INTERVAL_SECONDS, every unfinished
 * delivery gets a send job if it has none, and every open alert batch its digest job (a process died between the commit and the enqueue,
 * or Redis lost its data). Idempotent: the job id is the delivery id.
 */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeliverySweeper');
  private readonly task = new PeriodicTask(() => this.pass(), {
    fallback: 0,
    onError: (error) => this.logger.warn(`delivery sweep failed, next pass will retry: ${error.message}`),
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsEnv,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tenants: TenantDirectoryRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly sendQueue: SendQueue,
    private readonly alerts: AlertRepository,
    private readonly alertScheduler: AlertScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.NOTIFICATIONS_SWEEP_INTERVAL_SECONDS * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass over every tenant; returns how many jobs it (re)queued. Never runs twice at once. */
  sweep(): Promise<number> {
    return this.task.runOnce();
  }

  private async pass(): Promise<number> {
    let requeued = 0;
    try {
      // A reminder's row waits up to the lead for its send-batch job to claim it.
      const settle = SETTLE_MS + this.config.NOTIFICATIONS_REMINDER_LEAD_SECONDS * 1000;
      const before = new Date(this.clock.now().getTime() - settle);
      for (const tenantId of await this.tenants.allTenantIds(this.dataSource.manager)) {
        const rows = await runInTenantTransaction(this.dataSource, tenantId, (manager) =>
          this.deliveries.unfinished(manager, tenantId, before, BATCH),
        );
        for (const row of rows) {
          if ((await this.sendQueue.ensure(tenantId, row.id)) !== 'present') requeued++;
        }
        // An alert batch whose digest job was lost (a crash after the commit): same job id, no-op otherwise.
        const batches = await runInTenantTransaction(this.dataSource, tenantId, (manager) =>
          this.alerts.openBatches(manager, tenantId),
        );
        for (const batch of batches) await this.alertScheduler.schedule(tenantId, batch);
      }
      if (requeued > 0) this.logger.log(`re-queued ${requeued} unfinished deliveries`);
    } catch (error) {
      this.logger.warn(`delivery sweep failed, next pass will retry: ${(error as Error).message}`);
    }
    return requeued;
  }
}
