import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { createEvent, PAYMENT_RECORDED_V1 } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { Principal, runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { RegistrationNotFoundError } from '../../registrations/domain/registration-errors';
import { EVENT_SOURCE } from '../../registrations/events/registration-events';
import { RegistrationRepository } from '../../registrations/infrastructure/registration.repository';
import { SessionRepository } from '../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { isSamePayment, Payment, PaymentKeyReusedError, PaymentRequest } from '../domain/payment';
import { PaymentRepository } from '../infrastructure/payment.repository';

export interface RecordPaymentCommand extends PaymentRequest {
  principal: Principal;
  registrationId: string;
  idempotencyKey: string;
  correlationId?: string;
}

/**
 * A coordinator records money a participant paid for a registration. Once per Idempotency-Key:
 * the same request sent again (a double click, a retry after a timeout) answers the payment
 * already recorded and changes nothing; the key with a different payment is refused (422).
 * The payment, its history line and registration.payment-recorded commit together.
 */
@Injectable()
export class RecordPaymentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registrations: RegistrationRepository,
    private readonly sessions: SessionRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly payments: PaymentRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RecordPaymentCommand): Promise<{ payment: Payment; replayed: boolean }> {
    const tenantId = command.principal.tenantId!;
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const registration = await this.registrations.find(manager, tenantId, command.registrationId);
      if (!registration) throw new RegistrationNotFoundError();
      const session = (await this.sessions.find(manager, tenantId, registration.sessionId))!;
      await this.tenants.lockForReceipts(manager, tenantId);
      const now = this.clock.now();
      const inserted = await this.payments.insertOnce(manager, {
        tenantId,
        id: uuidv7(),
        registrationId: registration.id,
        sessionId: registration.sessionId,
        idempotencyKey: command.idempotencyKey,
        recordedBy: command.principal.subject,
        recordedAt: now,
        amountCents: command.amountCents,
        method: command.method,
        paidOn: command.paidOn,
        reference: command.reference,
      });
      if (!inserted) {
        const stored = (await this.payments.findByKey(manager, tenantId, command.idempotencyKey))!;
        if (!isSamePayment(stored, registration.id, command)) throw new PaymentKeyReusedError();
        return { payment: stored, replayed: true };
      }
      await this.payments.appendHistory(manager, inserted, 'recorded', command.principal.subject, now);
      await this.outbox.add(
        manager,
        createEvent(
          PAYMENT_RECORDED_V1,
          {
            paymentId: inserted.id,
            registrationId: registration.id,
            sessionId: session.id,
            activityId: session.activityId,
            programmeId: session.programmeId,
            amountCents: inserted.amountCents,
            method: inserted.method,
            paidOn: inserted.paidOn,
          },
          {
            tenantId,
            source: EVENT_SOURCE,
            subject: registration.id,
            occurredAt: now,
            correlationId: command.correlationId,
          },
        ),
      );
      return { payment: inserted, replayed: false };
    });
  }
}
