import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { DeliveryLog } from '../../deliveries/delivery-log';
import { AlertDigestJob } from '../../infrastructure/queues';
import { tenantVariables } from '../../messages/domain/participant-message';
import { TemplateKey } from '../../templates/domain/template-key';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { AlertLinks } from '../alert-links';
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
    private readonly tenants: TenantDirectoryRepository,
    private readonly alerts: AlertRepository,
    private readonly deliveries: DeliveryLog,
    private readonly links: AlertLinks,
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
      const tenant = await this.tenants.settings(manager, tenantId);
      let recorded = 0;
      for (const digest of planDigests(sessions, subscriptions)) {
        const id = await this.deliveries.record(
          manager,
          {
            tenantId,
            causeId: batchId,
            template: TemplateKey.NewSessionsDigest,
            recipient: digest.email,
            recipientName: null,
            registrationId: null,
            participantId: null,
            sessionId: null,
            context: {
              ...tenantVariables(tenant),
              sessionCount: String(digest.sessions.length),
              sessions: digest.sessions,
              links: {
                programme: this.links.programme(tenant.slug),
                unsubscribe: this.links.page('unsubscribe', tenantId, digest.alertId),
                oneClick: this.links.oneClick(tenantId, digest.alertId),
              },
            },
            calendar: null,
          },
          { causeKind: 'alert', correlationId: job.correlationId ?? null },
        );
        if (id) recorded++;
      }
      await this.alerts.markSent(manager, tenantId, batchId, now);
      return `sent:${recorded}`;
    });
  }
}
