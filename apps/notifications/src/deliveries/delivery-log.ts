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
    meta: { causeKind?: CauseKind; correlationId?: string | null } = {},
  ): Promise<string | null> {
    const id = await this.deliveries.insert(manager, {
      ...request,
      causeKind: meta.causeKind ?? 'event',
      correlationId: meta.correlationId ?? null,
    });
    if (id) afterCommit(manager, () => this.sendQueue.enqueue(request.tenantId, id));
    return id;
  }
}
