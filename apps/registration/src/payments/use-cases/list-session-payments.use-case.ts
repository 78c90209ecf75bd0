import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PaymentInstructions } from '@respire/contracts';
import { Principal, runInTenantTransaction } from '@respire/tenancy';
import { SessionNotFoundError } from '../../registrations/domain/registration-errors';
import { RegistrationStatus } from '../../registrations/domain/registration-status';
import { RegistrationRepository } from '../../registrations/infrastructure/registration.repository';
import { RegistrationView } from '../../registrations/domain/registration-view';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { SessionRepository } from '../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { collectedCents, Payment, paymentState, PaymentState } from '../domain/payment';
import { PaymentRepository } from '../infrastructure/payment.repository';

/** Registrations that owe the price: they hold (or held, checked in) a seat. */
const OWING: readonly RegistrationStatus[] = ['confirmed', 'attended', 'no_show'];

export interface RegistrationPayments {
  registration: RegistrationView;
  paidCents: number;
  state: PaymentState;
  payments: Payment[];
}

export interface SessionPayments {
  session: SessionCopy;
  paymentInstructions: PaymentInstructions;
  registrations: RegistrationPayments[];
  collectedCents: number;
}

/**
 * Who has paid and who has not, for a session's coordinator: every registration that owes the
 * price, and any other that has a payment (someone who paid then cancelled), with its payments.
 */
@Injectable()
export class ListSessionPaymentsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
    private readonly payments: PaymentRepository,
    private readonly tenants: TenantDirectoryRepository,
  ) {}

  async execute(principal: Principal, sessionId: string, only?: PaymentState): Promise<SessionPayments> {
    const tenantId = principal.tenantId!;
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const session = await this.sessions.find(manager, tenantId, sessionId);
      if (!session) throw new SessionNotFoundError();
      const [registrations, payments, paymentInstructions] = [
        await this.registrations.listForSession(manager, tenantId, sessionId),
        await this.payments.forSession(manager, tenantId, sessionId),
        await this.tenants.paymentInstructions(manager, tenantId),
      ];
      const byRegistration = new Map<string, Payment[]>();
      for (const p of payments)
        byRegistration.set(p.registrationId, [...(byRegistration.get(p.registrationId) ?? []), p]);
      const rows = registrations
        .filter((r) => OWING.includes(r.status) || byRegistration.has(r.id))
        .map((registration) => {
          const own = byRegistration.get(registration.id) ?? [];
          const paid = collectedCents(own);
          return {
            registration,
            paidCents: paid,
            state: paymentState(session.priceCents, paid),
            payments: own,
          };
        })
        .filter((row) => !only || row.state === only);
      return { session, paymentInstructions, registrations: rows, collectedCents: collectedCents(payments) };
    });
  }
}
