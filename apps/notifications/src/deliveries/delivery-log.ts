import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { afterCommit } from '@respire/tenancy';
import { DeliveryRequest } from './domain/delivery';
import { CauseKind, DeliveryRepository } from './infrastructure/delivery.repository';
import { SendQueue } from './infrastructure/send-queue';

/**
 * Where every message starts: a row in the delivery log, written in the caller's transaction
 * (so it exists exactly when what caused it was recorded), and a send job added once that
 * transaction has committed. A duplicate request (same cause, template, recipient) is a no-op.
 */
@Injectable()
export class DeliveryLog {
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
    const recorded = messages.flatMap(({ request }, i) => {
      const id = ids[i];
      return id ? [{ tenantId: request.tenantId, deliveryId: id }] : [];
    });
    if (recorded.length > 0) afterCommit(manager, () => this.sendQueue.enqueueMany(recorded));
    return ids;
  }
}

export interface DeliveryMeta {
  causeKind?: CauseKind;
  correlationId?: string | null;
}
