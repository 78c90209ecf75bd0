import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  PAYMENT_RECORDED_V1,
  PAYMENT_VOIDED_V1,
  PaymentRecordedV1,
  PaymentVoidedV1,
} from '@respire/contracts';
import { EventContext, HandleEvent } from '@respire/messaging';
import { PaymentTotalsRepository } from '../infrastructure/payment-totals.repository';

/** Keeps the amounts collected: each payment once, a voided one no longer counted. */
@Injectable()
export class PaymentsConsumer {
  constructor(private readonly payments: PaymentTotalsRepository) {}

  @HandleEvent(PAYMENT_RECORDED_V1)
  async onRecorded(event: EventEnvelope<PaymentRecordedV1>, { manager }: EventContext): Promise<void> {
    await this.payments.record(manager, event.tenantId, event.data);
  }

  @HandleEvent(PAYMENT_VOIDED_V1)
  async onVoided(event: EventEnvelope<PaymentVoidedV1>, { manager }: EventContext): Promise<void> {
    await this.payments.void(manager, event.tenantId, event.data.paymentId, new Date(event.occurredAt));
  }
}
