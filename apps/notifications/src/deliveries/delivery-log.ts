import { Injectable } from '@nestjs/common';
import { EntityManager, QueryRunner } from 'typeorm';
import { afterCommit } from '@respire/tenancy';
import { DeliveryRequest } from './domain/delivery';
import { CauseKind, DeliveryRepository } from './infrastructure/delivery.repository';
import { SendQueue } from './infrastructure/send-queue';

/**
 * Where every message starts: a row in the delivery log, written in the caller's transaction
 * (so it exists exactly when what caused it was recorded), and a send job added once that
 * transaction has committed. A duplicate request (same cause, template, recipient) is a no-op.
 * Messages due at a given time (`meta.notBefore`: reminders recorded ahead) get batch jobs instead,
 * one per tenant and time, that send them at that time.
 */
@Injectable()
export class DeliveryLog {
  /** Per transaction, the deliveries to send once it commits: one Redis call for a consumer's whole batch. */
  private readonly toSend = new WeakMap<QueryRunner, { tenantId: string; deliveryId: string }[]>();

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly sendQueue: SendQueue,
  ) {}

  async record(
    manager: EntityManager,
    request: DeliveryRequest,
    meta: DeliveryMeta = {},
  ): Promise<string | null> {
    const [id] = await this.recordMany(manager, [{ request, meta }]);
    return id;
  }

  /** Several messages in one statement, their send jobs added in one call after the commit. */
  async recordMany(
    manager: EntityManager,
    messages: { request: DeliveryRequest; meta?: DeliveryMeta }[],
  ): Promise<(string | null)[]> {
    const ids = await this.deliveries.insertMany(
      manager,
      messages.map(({ request, meta = {} }) => ({
        ...request,
        causeKind: meta.causeKind ?? 'event',
        correlationId: meta.correlationId ?? null,
      })),
    );
    const now: { tenantId: string; deliveryId: string }[] = [];
    const due = new Map<string, { tenantId: string; notBefore: number; ids: string[] }>();
    messages.forEach(({ request, meta = {} }, i) => {
      const deliveryId = ids[i];
      if (!deliveryId) return;
      if (meta.notBefore === undefined) return now.push({ tenantId: request.tenantId, deliveryId });
      const key = `${request.tenantId}/${meta.notBefore}`;
      const group = due.get(key) ?? { tenantId: request.tenantId, notBefore: meta.notBefore, ids: [] };
      group.ids.push(deliveryId);
      due.set(key, group);
    });
    if (now.length > 0) this.sendAfterCommit(manager, now);
    if (due.size > 0)
      afterCommit(manager, async () => {
        for (const group of due.values())
          await this.sendQueue.enqueueBatch(group.tenantId, group.ids, group.notBefore);
      });
    return ids;
  }

  /** Adds send jobs once the transaction commits, with those of the transaction's earlier calls. */
  private sendAfterCommit(manager: EntityManager, deliveries: { tenantId: string; deliveryId: string }[]) {
    const runner = manager.queryRunner;
    const waiting = runner && this.toSend.get(runner);
    if (waiting) {
      waiting.push(...deliveries);
      return;
    }
    const list = [...deliveries];
    if (runner) this.toSend.set(runner, list);
    afterCommit(manager, () => {
      if (runner) this.toSend.delete(runner);
      return this.sendQueue.enqueueMany(list);
    });
  }
}

export interface DeliveryMeta {
  causeKind?: CauseKind;
  correlationId?: string | null;
  /** Epoch ms: the message is sent at this time, not at once (a reminder recorded ahead). */
  notBefore?: number;
}
