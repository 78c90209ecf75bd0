import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal, runInTenantTransaction } from '@respire/tenancy';
import { RegistrationNotFoundError } from '../../registrations/domain/registration-errors';
import { RegistrationRepository } from '../../registrations/infrastructure/registration.repository';
import { Payment } from '../domain/payment';
import { PaymentHistoryEntry, PaymentRepository } from '../infrastructure/payment.repository';

/** A registration's payments and the history of every change to them (the audit trail). */
@Injectable()
export class RegistrationPaymentsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registrations: RegistrationRepository,
    private readonly payments: PaymentRepository,
  ) {}

  async execute(
    principal: Principal,
    registrationId: string,
  ): Promise<{ payments: Payment[]; history: (PaymentHistoryEntry & { paymentId: string })[] }> {
    const tenantId = principal.tenantId!;
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      if (!(await this.registrations.find(manager, tenantId, registrationId)))
        throw new RegistrationNotFoundError();
      return {
        payments: await this.payments.forRegistration(manager, tenantId, registrationId),
        history: await this.payments.history(manager, tenantId, registrationId),
      };
    });
  }
}
