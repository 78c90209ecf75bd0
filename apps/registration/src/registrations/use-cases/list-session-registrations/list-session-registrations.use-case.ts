import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal, runInTenantTransaction } from '@respire/tenancy';
import { SessionCopy } from '../../../sessions/domain/session-copy';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { SessionNotFoundError } from '../../domain/registration-errors';
import { RegistrationRepository } from '../../infrastructure/registration.repository';
import { RegistrationView } from '../../domain/registration-view';
import { assertMaySeeSession } from '../record-attendance/record-attendance.use-case';

export interface SessionRegistrations {
  session: SessionCopy;
  registrations: RegistrationView[];
}

/** A session's registrations and waitlist, for its coordinator or its facilitator. 404 until the session is known. */
@Injectable()
export class ListSessionRegistrationsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly registrations: RegistrationRepository,
  ) {}

  async execute(principal: Principal, sessionId: string): Promise<SessionRegistrations> {
    const tenantId = principal.tenantId!;
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const session = await this.sessions.find(manager, tenantId, sessionId);
      if (!session) throw new SessionNotFoundError();
      assertMaySeeSession(principal, session);
      return {
        session,
        registrations: await this.registrations.listForSession(manager, tenantId, sessionId),
      };
    });
  }
}
