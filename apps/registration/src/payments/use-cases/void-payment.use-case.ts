import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createEvent, PAYMENT_VOIDED_V1 } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { Principal, runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { EVENT_SOURCE } from '../../registrations/events/registration-events';
import { Payment, PaymentNotFoundError } from '../domain/payment';
import { PaymentRepository } from '../infrastructure/payment.repository';

/**
 * A payment recorded by mistake is voided, never deleted nor edited (a correction is a void and
 * a new payment): it stops counting and its history says who voided it and when. Voiding twice
 * changes nothing the second time.
 */
@Injectable()
export class VoidPaymentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: {
    principal: Principal;
    registrationId: string;
    paymentId: string;
    reason: string | null;
    correlationId?: string;
  }): Promise<{ payment: Payment; changed: boolean }> {
    const tenantId = command.principal.tenantId!;
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const payment = await this.payments.find(manager, tenantId, command.paymentId, true);
      if (!payment || payment.registrationId !== command.registrationId) throw new PaymentNotFoundError();
      if (payment.voidedAt) return { payment, changed: false };
      const now = this.clock.now();
      const voided = await this.payments.markVoided(
        manager,
        payment,
        command.principal.subject,
        now,
        command.reason,
      );
      await this.payments.appendHistory(manager, voided, 'voided', command.principal.subject, now);
      await this.outbox.add(
        manager,
        createEvent(
          PAYMENT_VOIDED_V1,
          { paymentId: voided.id, registrationId: voided.registrationId, sessionId: voided.sessionId },
          {
            tenantId,
            source: EVENT_SOURCE,
            subject: voided.registrationId,
            occurredAt: now,
            correlationId: command.correlationId,
          },
        ),
      );
      return { payment: voided, changed: true };
    });
  }
}
