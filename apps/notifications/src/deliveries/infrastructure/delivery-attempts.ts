import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from '../../config/env.schema';
import { GroupCommit } from '../../infrastructure/group-commit';
import { TemplateSource } from '../../templates/domain/template-catalog';
import { TenantRow } from '../../tenants/infrastructure/tenant-directory.repository';
import { DeliveryRepository, DeliveryRow, SentMark } from './delivery.repository';

/** Claims (or marks) of one tenant gathered into one statement, this many at most. */
const MAX_BATCH = 200;

export type ClaimOutcome =
  | { status: 'claimed'; row: DeliveryRow; tenant: TenantRow | null; override: TemplateSource | null }
  /** Another attempt holds the row (its lease runs): try again later. */
  | { status: 'busy' }
  /** Missing, or already sent, failed or cancelled: nothing to do. */
  | { status: 'finished' };

/**
 * Starts and records send attempts, the concurrent ones of a tenant together (GroupCommit): the
 * sends a worker runs at once cost one delivery_claim_many and one delivery_mark_sent_many per
 * tick instead of one round trip each. A claim is a lease of NOTIFICATIONS_JOB_LOCK_MS — the time
 * after which BullMQ hands a crashed worker's job to another — so the job that resumes a crashed
 * attempt finds the row free, and no other attempt can take a row while its claim holds.
 */
@Injectable()
export class DeliveryAttempts {
  private readonly leaseMs: number;
  private readonly claims = new GroupCommit<string, ClaimOutcome>(
    (tenantId, ids) => this.claimBatch(tenantId, ids),
    MAX_BATCH,
  );
  private readonly marks = new GroupCommit<SentMark, boolean>(
    (tenantId, marks) => this.markBatch(tenantId, marks),
    MAX_BATCH,
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFICATIONS_CONFIG) config: NotificationsEnv,
    private readonly deliveries: DeliveryRepository,
  ) {
    this.leaseMs = config.NOTIFICATIONS_JOB_LOCK_MS;
  }

  claim(tenantId: string, deliveryId: string): Promise<ClaimOutcome> {
    return this.claims.submit(tenantId, deliveryId);
  }

  /** True when this call recorded it; false when the row was no longer `sending` (already recorded). */
  markSent(tenantId: string, mark: SentMark): Promise<boolean> {
    return this.marks.submit(tenantId, mark);
  }

  private async claimBatch(tenantId: string, ids: string[]): Promise<ClaimOutcome[]> {
    const batch = await this.deliveries.claimMany(this.dataSource, tenantId, [...new Set(ids)], this.leaseMs);
    const claimed = new Map(batch.deliveries.map((row) => [row.id, row]));
    const busy = new Set(batch.busy);
    return ids.map((id) => {
      const row = claimed.get(id);
      if (row) {
        claimed.delete(id); // the same id twice in a batch: the second is busy, never sent twice
        busy.add(id);
        return {
          status: 'claimed',
          row,
          tenant: batch.tenant,
          override: batch.overrides[row.template] ?? null,
        };
      }
      return busy.has(id) ? { status: 'busy' } : { status: 'finished' };
    });
  }

  private async markBatch(tenantId: string, marks: SentMark[]): Promise<boolean[]> {
    const once = [...new Map(marks.map((mark) => [mark.deliveryId, mark])).values()];
    const marked = await this.deliveries.markSentMany(this.dataSource, tenantId, once);
    return marks.map((mark) => {
      const first = marked.has(mark.deliveryId);
      marked.delete(mark.deliveryId);
      return first;
    });
  }
}
