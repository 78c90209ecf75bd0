import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TENANT_DEFAULTS } from '@respire/contracts';
import { inTenantBatches } from '@respire/tenancy';
import { CLOCK, Clock, PeriodicTask } from '@respire/platform';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { PrivacyRepository } from '../infrastructure/privacy.repository';

const HOURLY = 3600_000;
const BATCH = 1000;

/**
 * Worker side: at start and every hour, the delivery log forgets finished messages older than
 * the tenant's retention (TENANT_DEFAULTS.retention.deliveryLogMonths unless the CPTS set its own),
 * and coordinators' messages (with their Idempotency-Keys) as old.
 */
@Injectable()
export class DeliveryRetentionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeliveryRetention');
  private readonly task = new PeriodicTask(() => this.pass(), {
    fallback: 0,
    onError: (error) =>
      this.logger.warn(`delivery-log retention failed, next try in an hour: ${error.message}`),
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tenants: TenantDirectoryRepository,
    private readonly privacy: PrivacyRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(HOURLY);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass over every tenant; answers how many deliveries went. */
  runOnce(): Promise<number> {
    return this.task.runOnce();
  }

  private async pass(): Promise<number> {
    const tenantIds = await this.tenants.allTenantIds(this.dataSource.manager);
    const purged = await inTenantBatches(this.dataSource, tenantIds, BATCH, async (manager, tenantId) => {
      const months =
        (await this.privacy.retentionMonths(manager, tenantId)) ??
        TENANT_DEFAULTS.retention.deliveryLogMonths;
      const count = await this.privacy.purgeDeliveries(manager, tenantId, months, this.clock.now(), BATCH);
      if (count < BATCH) await this.privacy.purgeSessionMessages(manager, tenantId, months, this.clock.now());
      return count;
    });
    if (purged > 0) this.logger.log(`delivery log: ${purged} message(s) past the retention period deleted`);
    return purged;
  }
}
