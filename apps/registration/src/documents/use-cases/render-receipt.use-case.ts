import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { PaymentNotFoundError, receiptLabel } from '../../payments/domain/payment';
import { PaymentRepository } from '../../payments/infrastructure/payment.repository';
import { RegistrationRepository } from '../../registrations/infrastructure/registration.repository';
import { SessionRepository } from '../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { receipt } from '../domain/receipt';
import { PdfRenderer } from '../infrastructure/pdf-renderer';

/** The reçu of one payment (a voided one says so in red). */
@Injectable()
export class RenderReceiptUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentRepository,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly tenants: TenantDirectoryRepository,
    private readonly renderer: PdfRenderer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(tenantId: string, registrationId: string, paymentId: string): Promise<Buffer> {
    const data = await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const payment = await this.payments.find(manager, tenantId, paymentId);
      if (!payment || payment.registrationId !== registrationId) throw new PaymentNotFoundError();
      const session = (await this.sessions.find(manager, tenantId, payment.sessionId))!;
      const registration = await this.registrations.find(manager, tenantId, registrationId);
      const policy = await this.tenants.policy(manager, tenantId);
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
    return this.renderer.render(data);
  }
}
