import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { AlertDigestJob } from '../../infrastructure/queues';
import { AlertMails } from '../alert-mails';
import { planDigests } from '../domain/alert-digest';
import { AlertRepository } from '../infrastructure/alert.repository';

/** Jobs may fire a little before their time by the database's clock. */
const EARLY_TOLERANCE_MS = 1_000;

/**
 * A due batch: one digest per subscribed address (a delivery unique per batch and address, so a
 * replayed job sends nothing twice), then the batch is closed in the same transaction.
 */
@Injectable()
export class SendAlertDigestUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly alerts: AlertRepository,
    private readonly mails: AlertMails,
  ) {}

  async execute(job: AlertDigestJob): Promise<string> {
    const { tenantId, batchId } = job;
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const batch = await this.alerts.lockBatch(manager, tenantId, batchId);
      if (!batch || batch.status !== 'open') return 'already-sent';
      const now = this.clock.now();
      if (batch.dueAt.getTime() > now.getTime() + EARLY_TOLERANCE_MS) return 'not-due';
      const sessions = await this.alerts.batchSessions(manager, tenantId, batchId);
      const subscriptions = await this.alerts.confirmedFor(manager, tenantId, [
        ...new Set(sessions.map((s) => s.category)),
      ]);
      const recorded = await this.mails.digests(
        manager,
        tenantId,
        batchId,
        planDigests(sessions, subscriptions),
        job.correlationId ?? null,
      );
      await this.alerts.markSent(manager, tenantId, batchId, now);
      return `sent:${recorded}`;
    });
  }
}
