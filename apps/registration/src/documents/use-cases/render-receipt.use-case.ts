import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { PaymentNotFoundError, receiptLabel } from '../../payments/domain/payment';
import { PaymentRepository } from '../../payments/infrastructure/payment.repository';
import { receipt } from '../domain/receipt';
import { DocumentSources } from '../infrastructure/document-sources';

/** The reçu of one payment (a voided one says so in red). */
@Injectable()
export class RenderReceiptUseCase {
  constructor(
    private readonly documents: DocumentSources,
    private readonly payments: PaymentRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(tenantId: string, registrationId: string, paymentId: string): Promise<Buffer> {
    const { sessions, registrations, tenants } = this.documents;
    return this.documents.render(tenantId, async (manager) => {
      const payment = await this.payments.find(manager, tenantId, paymentId);
      if (!payment || payment.registrationId !== registrationId) throw new PaymentNotFoundError();
      const session = (await sessions.find(manager, tenantId, payment.sessionId))!;
      const registration = await registrations.find(manager, tenantId, registrationId);
      const policy = await tenants.policy(manager, tenantId);
      return receipt({
        tenantName: policy.name ?? '',
        receiptNumber: receiptLabel(payment.receiptNumber),
        payer: registration,
        amountCents: payment.amountCents,
        method: payment.method,
        paidOn: payment.paidOn,
        reference: payment.reference,
        activityTitle: session.title,
        startsAt: session.startsAt,
        timezone: session.timezone,
        issuedAt: this.clock.now(),
        voidedAt: payment.voidedAt,
      });
    });
  }
}
